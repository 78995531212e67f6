namespace PaperBot.Rag.Llm.Gguf;

/// <summary>The shape of a random-weight model; the tokenizer is copied from a vocabulary-only GGUF file.</summary>
/// <param name="Architecture">"llama", "qwen2" (decoders) or "bert" (an encoder for embeddings).</param>
/// <param name="WeightType">F32, F16 or Q8_0 for the matrices; norms and biases are always F32.</param>
public sealed record RandomModelSpec(
    string Architecture,
    string VocabularyPath,
    int Layers = 2,
    int Embedding = 64,
    int Heads = 4,
    int KvHeads = 4,
    int FeedForward = 128,
    int ContextLength = 2048,
    GgmlType WeightType = GgmlType.F32,
    int Seed = 1,
    string? ChatTemplate = null)
{
    /// <summary>A 2-layer, 64-wide llama model: loads in milliseconds, generates fast on a CPU.</summary>
    public static RandomModelSpec TinyLlama(string vocabularyPath) => new("llama", vocabularyPath);

    /// <summary>The shape of a 0.5B instruct model (Qwen2-0.5B: 24 layers, 896 wide, 14/2 heads, FFN 4864).</summary>
    public static RandomModelSpec Qwen2HalfBillion(string vocabularyPath, GgmlType weightType = GgmlType.Q8_0) =>
        new("qwen2", vocabularyPath, 24, 896, 14, 2, 4864, 32768, weightType);

    /// <summary>A 2-layer BERT encoder with CLS pooling, like bge-small but tiny.</summary>
    public static RandomModelSpec TinyBert(string vocabularyPath) => new("bert", vocabularyPath, ContextLength: 512);
}
