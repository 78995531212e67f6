using System.Text;
using PaperBot.Rag.Llm.Local.Gguf;

namespace PaperBot.TestSupport.Models;

/// <summary>
/// Writes GGUF version 3 files: metadata (CLR scalars, strings and typed arrays, as <see cref="GgufFile"/> reads
/// them) and tensors whose bytes are produced at write time, so a large model never sits in memory whole.
/// </summary>
public sealed class GgufWriter
{
    private readonly Dictionary<string, object> _metadata = new(StringComparer.Ordinal);
    private readonly List<(GgufTensorInfo Info, Action<Span<byte>> Fill)> _tensors = [];

    public IReadOnlyDictionary<string, object> Metadata => _metadata;

    public GgufWriter Set(string key, object value)
    {
        _metadata[key] = value;
        return this;
    }

    /// <summary>Adds a tensor; <paramref name="fill"/> receives a zeroed buffer of exactly the tensor's size.</summary>
    public GgufWriter AddTensor(string name, GgmlType type, long[] dimensions, Action<Span<byte>> fill)
    {
        if (!GgmlTypeSizes.TryGet(type, out var blockSize, out var blockBytes) || dimensions[0] % blockSize != 0)
        {
            throw new ArgumentException($"{name}: {type} needs rows that are multiples of its block size", nameof(dimensions));
        }

        var bytes = dimensions.Aggregate(1L, (a, b) => a * b) / blockSize * blockBytes;
        _tensors.Add((new GgufTensorInfo(name, dimensions, type, 0, bytes), fill));
        return this;
    }

    public void Write(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(GgufFile.Magic);
        writer.Write(3u);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            WriteString(writer, key);
            WriteValue(writer, value, withType: true);
        }

        ulong offset = 0;
        foreach (var (info, _) in _tensors)
        {
            WriteString(writer, info.Name);
            writer.Write((uint)info.Dimensions.Count);
            foreach (var d in info.Dimensions)
            {
                writer.Write((ulong)d);
            }

            writer.Write((uint)info.Type);
            writer.Write(offset);
            offset = (ulong)GgufReader.Align((long)offset + info.ByteSize, GgufFile.DefaultAlignment);
        }

        Pad(writer);
        foreach (var (info, fill) in _tensors)
        {
            var buffer = new byte[info.ByteSize];
            fill(buffer);
            writer.Write(buffer);
            Pad(writer);
        }
    }

    private static void Pad(BinaryWriter writer)
    {
        var position = writer.BaseStream.Position;
        var padding = GgufReader.Align(position, GgufFile.DefaultAlignment) - position;
        for (var i = 0; i < padding; i++)
        {
            writer.Write((byte)0);
        }
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static GgufValueType TypeOf(object value) => TypeOf(value.GetType());

    private static GgufValueType TypeOf(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => GgufValueType.UInt8,
        TypeCode.SByte => GgufValueType.Int8,
        TypeCode.UInt16 => GgufValueType.UInt16,
        TypeCode.Int16 => GgufValueType.Int16,
        TypeCode.UInt32 => GgufValueType.UInt32,
        TypeCode.Int32 => GgufValueType.Int32,
        TypeCode.Single => GgufValueType.Float32,
        TypeCode.Boolean => GgufValueType.Bool,
        TypeCode.String => GgufValueType.String,
        TypeCode.UInt64 => GgufValueType.UInt64,
        TypeCode.Int64 => GgufValueType.Int64,
        TypeCode.Double => GgufValueType.Float64,
        _ when type.IsArray || type == typeof(object) => GgufValueType.Array,
        _ => throw new ArgumentException($"GGUF cannot store a {type.Name}"),
    };

    private static void WriteValue(BinaryWriter writer, object value, bool withType)
    {
        var type = TypeOf(value);
        if (withType)
        {
            writer.Write((uint)type);
        }

        switch (value)
        {
            case byte v: writer.Write(v); break;
            case sbyte v: writer.Write(v); break;
            case ushort v: writer.Write(v); break;
            case short v: writer.Write(v); break;
            case uint v: writer.Write(v); break;
            case int v: writer.Write(v); break;
            case float v: writer.Write(v); break;
            case bool v: writer.Write((byte)(v ? 1 : 0)); break;
            case string v: WriteString(writer, v); break;
            case ulong v: writer.Write(v); break;
            case long v: writer.Write(v); break;
            case double v: writer.Write(v); break;
            case Array array:
                writer.Write((uint)TypeOf(array.GetType().GetElementType()!));
                writer.Write((ulong)array.Length);
                foreach (var item in array)
                {
                    WriteValue(writer, item!, withType: false);
                }

                break;
        }
    }
}
