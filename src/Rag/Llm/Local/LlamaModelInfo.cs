namespace PaperBot.Rag.Llm.Local;

/// <summary>What llama.cpp reports about a loaded model.</summary>
/// <param name="Description">llama.cpp's one-line description, e.g. "qwen2 0.5B Q8_0".</param>
/// <param name="FileType">The quantization as <c>general.file_type</c> names it (e.g. "Q8_0", "Q4_K_M"), when present.</param>
public sealed record LlamaModelInfo(
    string Architecture,
    string? Name,
    string Description,
    ulong ParameterCount,
    ulong SizeBytes,
    string? FileType,
    int TrainedContextLength,
    int EmbeddingLength,
    int LayerCount,
    int VocabularySize,
    string? ChatTemplate);
