namespace PaperBot.Rag.Llm;

/// <summary>The context the engine creates.</summary>
public sealed record LlamaEngineOptions
{
    /// <summary>Tokens per sequence (prompt plus answer); the context holds <see cref="Parallel"/> times this.</summary>
    public int ContextSize { get; init; } = 4096;

    /// <summary>Sequences decoded together (n_seq_max): concurrent requests beyond this wait in a queue.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Most tokens per llama_decode call (n_batch = n_ubatch).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>CPU threads; 0 = all processors.</summary>
    public int Threads { get; init; }
}
