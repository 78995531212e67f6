namespace PaperBot.Rag.Llm;

/// <summary>
/// Whether local models are configured and present, decided without loading them. When no chat model is there,
/// no <c>IChatClient</c> is registered at all and answering uses its extractive mode.
/// </summary>
public interface ILlmAvailability
{
    bool IsChatModelAvailable { get; }

    string? ChatModelPath { get; }

    /// <summary>Why the chat model is (not) available, for logs and `paperbot models`.</summary>
    string ChatModelReason { get; }

    /// <summary>
    /// Set when a chat model was configured by path but cannot be used (missing, a folder, not a whole GGUF file), or
    /// when the *.gguf files put under models/ (Llm:ModelPath auto) cannot be used: the user asked for model
    /// answers and gets extractive ones, so they are told once why.
    /// </summary>
    string? ChatModelNotice { get; }

    bool IsEmbeddingModelAvailable { get; }

    string? EmbeddingModelPath { get; }

    string EmbeddingModelReason { get; }
}
