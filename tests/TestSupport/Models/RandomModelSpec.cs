using PaperBot.Rag.Llm.Local.Gguf;

namespace PaperBot.TestSupport.Models;

/// <summary>The shape of a random-weight model and its tokenizer (see <see cref="TestVocabularies"/>).</summary>
/// <param name="Architecture">"llama", "qwen2" (decoders) or "bert" (an encoder for embeddings).</param>
/// <param name="WeightType">F32, F16 or Q8_0 for the matrices; norms and biases are always F32.</param>
public sealed record RandomModelSpec(
    string Architecture,
    TestVocabulary Vocabulary,
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
    public static RandomModelSpec TinyLlama() => new("llama", TestVocabularies.Gpt2);

    /// <summary>The shape of a 0.5B instruct model (Qwen2-0.5B: 24 layers, 896 wide, 14/2 heads, FFN 4864).
    /// Its vocabulary is cl100k padded to Qwen2's 151,936 tokens, so the output layer costs what the real one does.</summary>
    public static RandomModelSpec Qwen2HalfBillion(GgmlType weightType = GgmlType.Q8_0) =>
        new("qwen2", TestVocabularies.Cl100kPadded(151_936), 24, 896, 14, 2, 4864, 32768, weightType);

    /// <summary>A 2-layer BERT encoder with CLS pooling, like bge-small but tiny.</summary>
    public static RandomModelSpec TinyBert() => new("bert", TestVocabularies.WordPiece, ContextLength: 512);

    /// <summary>A 2-layer qwen2 model with the cl100k vocabulary and a chatml template.</summary>
    public static RandomModelSpec TinyQwen2() => new("qwen2", TestVocabularies.Cl100k, Seed: 2, ChatTemplate: TestVocabularies.ChatMlTemplate);
}
