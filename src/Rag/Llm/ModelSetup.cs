namespace PaperBot.Rag.Llm;

/// <summary>
/// Which models answer and embed, decided once from the validated "Llm" and "Embeddings" options without loading
/// anything, and shared by every consumer (registration, answering, the front ends, `paperbot models`): the provider,
/// the model files found (or why none), how many requests run at once and how long each may be. With no chat model
/// there is no <c>IChatClient</c> in the container at all, and answering uses its extractive mode.
/// </summary>
public sealed record ModelSetup
{
    /// <summary>The chat provider: <see cref="LlmOptions.Local"/> or <see cref="LlmOptions.OpenAi"/>.</summary>
    public required string ChatProvider { get; init; }

    /// <summary>The embeddings provider: <see cref="LlmOptions.Local"/> or <see cref="LlmOptions.OpenAi"/>.</summary>
    public required string EmbeddingsProvider { get; init; }

    /// <summary>The local GGUF chat model, or null (see <see cref="ChatModelReason"/>); looked up with either provider.</summary>
    public string? ChatModelPath { get; init; }

    /// <summary>Why the local chat model is (not) there, for logs and `paperbot models`.</summary>
    public required string ChatModelReason { get; init; }

    /// <summary>The local GGUF embedding model, or null (see <see cref="EmbeddingModelReason"/>).</summary>
    public string? EmbeddingModelPath { get; init; }

    public required string EmbeddingModelReason { get; init; }

    /// <summary>
    /// Set when the local model was meant (a configured path, or *.gguf files under models/) but its file cannot be
    /// used: the user asked for model answers and gets extractive ones, so they are told once why. Null with the
    /// model servers, which answer whatever lies under models/.
    /// </summary>
    public string? ChatNotice { get; init; }

    /// <summary>Requests answered at once: the servers' summed Parallel with the openai provider, else Llm:Parallel.</summary>
    public required int Capacity { get; init; }

    /// <summary>Tokens per request (prompt and answer), Llm:ContextSize; a server may report its own.</summary>
    public required int ContextSize { get; init; }

    public bool IsRemoteChat => ChatProvider == LlmOptions.OpenAi;

    public bool IsRemoteEmbeddings => EmbeddingsProvider == LlmOptions.OpenAi;

    /// <summary>The local GGUF model answers (rather than servers, or none).</summary>
    public bool UsesLocalChatModel => !IsRemoteChat && ChatModelPath is not null;

    /// <summary>The local GGUF embedding model embeds (rather than servers, or none).</summary>
    public bool UsesLocalEmbeddingModel => !IsRemoteEmbeddings && EmbeddingModelPath is not null;

    /// <summary>A model answers: the servers, or a local file that reads as GGUF.</summary>
    public bool IsChatAvailable => IsRemoteChat || ChatModelPath is not null;

    public bool IsEmbeddingAvailable => IsRemoteEmbeddings || EmbeddingModelPath is not null;

    /// <summary>Looks the model files up (reading only their GGUF headers) for options that passed validation.</summary>
    /// <param name="baseDirectory">Where relative model paths and models/ are looked up.</param>
    public static ModelSetup Resolve(LlmOptions llm, EmbeddingsOptions embeddings, string baseDirectory)
    {
        var chatPath = ModelLocator.FindChatModel(llm.ModelPath, baseDirectory, out var chatReason, out var unusable);
        var embeddingPath = ModelLocator.FindEmbeddingModel(embeddings.ModelPath, baseDirectory, out var embeddingReason);
        return new ModelSetup
        {
            ChatProvider = llm.Provider,
            EmbeddingsProvider = embeddings.Provider,
            ChatModelPath = chatPath,
            ChatModelReason = chatReason,
            ChatNotice = unusable && !llm.IsRemote
                ? $"No model answers: {chatReason} (Llm:ModelPath); answers are extractive, quoted from the abstracts."
                : null,
            EmbeddingModelPath = embeddingPath,
            EmbeddingModelReason = embeddingReason,
            Capacity = llm is { IsRemote: true, Endpoints.Count: > 0 } ? llm.Endpoints.Sum(e => Math.Max(1, e.Parallel)) : Math.Max(1, llm.Parallel),
            ContextSize = llm.ContextSize,
        };
    }

    /// <summary>No model at all, for options that failed validation: the host refuses to start with them anyway.</summary>
    public static ModelSetup Invalid(LlmOptions llm) => new()
    {
        ChatProvider = LlmOptions.Local,
        EmbeddingsProvider = LlmOptions.Local,
        ChatModelReason = "the Llm settings are not valid",
        EmbeddingModelReason = "the Embeddings settings are not valid",
        Capacity = 1,
        ContextSize = llm.ContextSize,
    };
}
