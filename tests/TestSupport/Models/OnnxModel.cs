using System.Runtime.InteropServices;
using System.Text;

namespace PaperBot.TestSupport.Models;

/// <summary>
/// The parts of an ONNX model (a protobuf <c>ModelProto</c>) a weight converter needs: the graph's float32
/// initializers by name and its nodes in order. Field numbers are those of onnx.proto (ModelProto.graph = 7;
/// GraphProto.node = 1, initializer = 5; NodeProto.input = 1, output = 2, op_type = 4; TensorProto.dims = 1,
/// data_type = 2, float_data = 4, name = 8, raw_data = 9). Tensors stored outside the file are not supported.
/// </summary>
public sealed class OnnxModel
{
    private const int FloatType = 1;

    private OnnxModel(Dictionary<string, OnnxTensor> initializers, List<OnnxNode> nodes)
    {
        Initializers = initializers;
        Nodes = nodes;
    }

    public IReadOnlyDictionary<string, OnnxTensor> Initializers { get; }

    public IReadOnlyList<OnnxNode> Nodes { get; }

    public static OnnxModel Read(ReadOnlyMemory<byte> bytes)
    {
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var nodes = new List<OnnxNode>();
        foreach (var graph in Fields(bytes).Where(f => f.Number == 7))
        {
            foreach (var field in Fields(graph.Bytes))
            {
                if (field.Number == 1)
                {
                    nodes.Add(Node(field.Bytes));
                }
                else if (field.Number == 5 && Tensor(field.Bytes) is { } tensor)
                {
                    initializers[tensor.Name] = tensor;
                }
            }
        }

        if (nodes.Count == 0)
        {
            throw new InvalidDataException("not an ONNX model: no graph nodes");
        }

        return new OnnxModel(initializers, nodes);
    }

    private static OnnxNode Node(ReadOnlyMemory<byte> bytes)
    {
        List<string> inputs = [], outputs = [];
        var op = "";
        foreach (var field in Fields(bytes))
        {
            switch (field.Number)
            {
                case 1: inputs.Add(Text(field.Bytes)); break;
                case 2: outputs.Add(Text(field.Bytes)); break;
                case 4: op = Text(field.Bytes); break;
            }
        }

        return new OnnxNode(op, inputs, outputs);
    }

    /// <summary>A float32 tensor, or null for any other element type (shape constants, masks).</summary>
    private static OnnxTensor? Tensor(ReadOnlyMemory<byte> bytes)
    {
        var dims = new List<long>();
        var name = "";
        var type = 0;
        float[]? data = null;
        foreach (var field in Fields(bytes))
        {
            switch (field.Number)
            {
                case 1 when field.IsVarint: dims.Add((long)field.Value); break;
                case 1: dims.AddRange(PackedVarints(field.Bytes)); break;
                case 2: type = (int)field.Value; break;
                case 4 or 9: data = MemoryMarshal.Cast<byte, float>(field.Bytes.Span).ToArray(); break;
                case 8: name = Text(field.Bytes); break;
            }
        }

        return type == FloatType && data is not null ? new OnnxTensor(name, [.. dims], data) : null;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static IEnumerable<long> PackedVarints(ReadOnlyMemory<byte> bytes)
    {
        var position = 0;
        while (position < bytes.Length)
        {
            yield return (long)Varint(bytes.Span, ref position);
        }
    }

    /// <summary>The top-level fields of one protobuf message: varints carry <see cref="ProtoField.Value"/>, length-delimited fields their bytes.</summary>
    private static IEnumerable<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new ProtoField(number, true, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new ProtoField(number, false, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"not an ONNX model: protobuf wire type {key & 7} at byte {position}");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private readonly record struct ProtoField(int Number, bool IsVarint, ulong Value, ReadOnlyMemory<byte> Bytes);
}

/// <summary>A float32 initializer: its shape (outermost first, as ONNX and numpy write it) and its values, row-major.</summary>
public sealed record OnnxTensor(string Name, long[] Dimensions, float[] Data);

public sealed record OnnxNode(string Op, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
