using System.Text;

namespace PaperBot.Rag.Llm.Local.Gguf;

/// <summary>Parses the GGUF header (format: ggml/docs/gguf.md of the pinned source).</summary>
internal sealed class GgufReader
{
    private const int MaxDimensions = 4;
    private readonly BinaryReader _reader;
    private readonly long _length;

    private GgufReader(BinaryReader reader, long length)
    {
        _reader = reader;
        _length = length;
    }

    private long Remaining => _length - _reader.BaseStream.Position;

    public static GgufFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var binary = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return new GgufReader(binary, stream.Length).ReadFile(path);
        }
        catch (EndOfStreamException e)
        {
            throw new GgufFormatException(ModelLoadFailure.Truncated, "the file ends inside the GGUF header (truncated download?)", e);
        }
    }

    private GgufFile ReadFile(string path)
    {
        if (_length < 4 || _reader.ReadUInt32() != GgufFile.Magic)
        {
            throw new GgufFormatException(ModelLoadFailure.NotGguf, "not a GGUF file (bad magic)");
        }

        var version = _reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new GgufFormatException(ModelLoadFailure.NotGguf, $"GGUF version {version} is not supported (2 and 3 are)");
        }

        var tensorCount = _reader.ReadUInt64();
        var kvCount = _reader.ReadUInt64();
        // Every entry takes at least 8 bytes, so larger counts can only come from a damaged header.
        if (tensorCount > (ulong)Remaining / 8 || kvCount > (ulong)Remaining / 8)
        {
            throw new GgufFormatException(ModelLoadFailure.Corrupt, $"impossible counts ({tensorCount} tensors, {kvCount} metadata entries)");
        }

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString();
            var type = (GgufValueType)_reader.ReadUInt32();
            metadata[key] = ReadValue(type);
        }

        var alignment = metadata.TryGetValue("general.alignment", out var a) && a is uint u ? u : GgufFile.DefaultAlignment;
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new GgufFormatException(ModelLoadFailure.Corrupt, $"alignment {alignment} is not a power of two");
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        for (ulong i = 0; i < tensorCount; i++)
        {
            tensors.Add(ReadTensorInfo());
        }

        var dataOffset = Align(_reader.BaseStream.Position, alignment);
        foreach (var tensor in tensors)
        {
            if (tensor.Offset % alignment != 0)
            {
                throw new GgufFormatException(ModelLoadFailure.Corrupt, $"tensor '{tensor.Name}' data offset {tensor.Offset} is not aligned to {alignment}");
            }

            var end = (decimal)dataOffset + tensor.Offset + tensor.ByteSize;
            if (end > _length)
            {
                throw new GgufFormatException(ModelLoadFailure.Truncated, $"tensor '{tensor.Name}' ends at byte {end} but the file has {_length} bytes (truncated download?)");
            }
        }

        return new GgufFile(path, version, _length, dataOffset, alignment, metadata, tensors);
    }

    private GgufTensorInfo ReadTensorInfo()
    {
        var name = ReadString();
        var nDims = _reader.ReadUInt32();
        if (nDims is 0 or > MaxDimensions)
        {
            throw new GgufFormatException(ModelLoadFailure.Corrupt, $"tensor '{name}' has {nDims} dimensions");
        }

        var dims = new long[nDims];
        for (var d = 0; d < nDims; d++)
        {
            var dim = _reader.ReadUInt64();
            if (dim is 0 or > int.MaxValue)
            {
                throw new GgufFormatException(ModelLoadFailure.Corrupt, $"tensor '{name}' has dimension {dim}");
            }

            dims[d] = (long)dim;
        }

        var type = (GgmlType)_reader.ReadUInt32();
        if (!GgmlTypeSizes.TryGet(type, out var blockSize, out var blockBytes))
        {
            throw new GgufFormatException(ModelLoadFailure.Corrupt, $"tensor '{name}' has unknown type {(int)type}");
        }

        if (dims[0] % blockSize != 0)
        {
            throw new GgufFormatException(ModelLoadFailure.Corrupt, $"tensor '{name}' row of {dims[0]} is not a multiple of the {type} block ({blockSize})");
        }

        var elements = (decimal)dims.Aggregate(1m, (x, y) => x * y);
        var bytes = elements / blockSize * blockBytes;
        if (bytes > long.MaxValue)
        {
            throw new GgufFormatException(ModelLoadFailure.Corrupt, $"tensor '{name}' is impossibly large");
        }

        var offset = _reader.ReadUInt64();
        return new GgufTensorInfo(name, dims, type, offset, (long)bytes);
    }

    private object ReadValue(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => _reader.ReadByte(),
        GgufValueType.Int8 => _reader.ReadSByte(),
        GgufValueType.UInt16 => _reader.ReadUInt16(),
        GgufValueType.Int16 => _reader.ReadInt16(),
        GgufValueType.UInt32 => _reader.ReadUInt32(),
        GgufValueType.Int32 => _reader.ReadInt32(),
        GgufValueType.Float32 => _reader.ReadSingle(),
        GgufValueType.Bool => _reader.ReadByte() != 0,
        GgufValueType.String => ReadString(),
        GgufValueType.UInt64 => _reader.ReadUInt64(),
        GgufValueType.Int64 => _reader.ReadInt64(),
        GgufValueType.Float64 => _reader.ReadDouble(),
        GgufValueType.Array => ReadArray(),
        _ => throw new GgufFormatException(ModelLoadFailure.Corrupt, $"unknown metadata value type {(uint)type}"),
    };

    private object ReadArray()
    {
        var type = (GgufValueType)_reader.ReadUInt32();
        var count = _reader.ReadUInt64();
        if (count > (ulong)Remaining)
        {
            throw new GgufFormatException(ModelLoadFailure.Truncated, $"metadata array of {count} elements runs past the end of the file");
        }

        var n = (int)count;
        return type switch
        {
            GgufValueType.UInt8 => _reader.ReadBytes(n),
            GgufValueType.Int8 => Fill(n, _reader.ReadSByte),
            GgufValueType.UInt16 => Fill(n, _reader.ReadUInt16),
            GgufValueType.Int16 => Fill(n, _reader.ReadInt16),
            GgufValueType.UInt32 => Fill(n, _reader.ReadUInt32),
            GgufValueType.Int32 => Fill(n, _reader.ReadInt32),
            GgufValueType.Float32 => Fill(n, _reader.ReadSingle),
            GgufValueType.Bool => Fill(n, () => _reader.ReadByte() != 0),
            GgufValueType.String => Fill(n, ReadString),
            GgufValueType.UInt64 => Fill(n, _reader.ReadUInt64),
            GgufValueType.Int64 => Fill(n, _reader.ReadInt64),
            GgufValueType.Float64 => Fill(n, _reader.ReadDouble),
            GgufValueType.Array => Fill(n, ReadArray),
            _ => throw new GgufFormatException(ModelLoadFailure.Corrupt, $"unknown metadata array type {(uint)type}"),
        };
    }

    private static T[] Fill<T>(int count, Func<T> read)
    {
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read();
        }

        return values;
    }

    private string ReadString()
    {
        var length = _reader.ReadUInt64();
        if (length > (ulong)Remaining)
        {
            throw new GgufFormatException(ModelLoadFailure.Truncated, $"a string of {length} bytes runs past the end of the file");
        }

        return Encoding.UTF8.GetString(_reader.ReadBytes((int)length));
    }

    internal static long Align(long value, uint alignment) => (value + alignment - 1) / alignment * alignment;
}
