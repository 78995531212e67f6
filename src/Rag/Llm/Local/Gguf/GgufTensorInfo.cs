namespace PaperBot.Rag.Llm.Local.Gguf;

/// <summary>One tensor descriptor: name, shape (ggml order, innermost first), type, and where its data lies.</summary>
/// <param name="Offset">Offset from the start of the tensor data section.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, ulong Offset, long ByteSize)
{
    public long ElementCount => Dimensions.Aggregate(1L, (a, b) => a * b);
}
