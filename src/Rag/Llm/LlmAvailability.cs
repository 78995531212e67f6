namespace PaperBot.Rag.Llm;

/// <summary>The model files found for the given options.</summary>
public sealed class LlmAvailability : ILlmAvailability
{
    public LlmAvailability(LlmOptions llm, EmbeddingsOptions embeddings, string baseDirectory)
    {
        ChatModelPath = ModelLocator.FindChatModel(llm.ModelPath, baseDirectory, out var chatReason, out var unusable);
        ChatModelReason = chatReason;
        ChatModelNotice = unusable
            ? $"No model answers: {chatReason} (Llm:ModelPath); answers are extractive, quoted from the abstracts."
            : null;
        EmbeddingModelPath = ModelLocator.FindEmbeddingModel(embeddings.ModelPath, baseDirectory, out var embeddingReason);
        EmbeddingModelReason = embeddingReason;
    }

    public bool IsChatModelAvailable => ChatModelPath is not null;

    public string? ChatModelPath { get; }

    public string ChatModelReason { get; }

    public string? ChatModelNotice { get; }

    public bool IsEmbeddingModelAvailable => EmbeddingModelPath is not null;

    public string? EmbeddingModelPath { get; }

    public string EmbeddingModelReason { get; }
}
