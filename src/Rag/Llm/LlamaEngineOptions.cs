namespace PaperBot.Rag.Llm;

/// <summary>The context the engine creates.</summary>
public sealed record LlamaEngineOptions
{
    // The defaults are the configuration's, written once in LlmOptions.
    private static readonly LlmOptions Defaults = new();

    /// <summary>Tokens per sequence (prompt plus answer); the context holds <see cref="Parallel"/> times this.</summary>
    public int ContextSize { get; init; } = Defaults.ContextSize;

    /// <summary>Sequences decoded together (n_seq_max): concurrent requests beyond this wait in a queue.</summary>
    public int Parallel { get; init; } = Defaults.Parallel;

    /// <summary>Most tokens per llama_decode call (n_batch = n_ubatch).</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>CPU threads; 0 = all processors.</summary>
    public int Threads { get; init; }
}
