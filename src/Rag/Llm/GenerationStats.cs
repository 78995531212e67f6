namespace PaperBot.Rag.Llm;

/// <summary>The outcome of one request.</summary>
/// <param name="PromptTokensReused">Prompt tokens found in the sequence's KV cache and not evaluated again.</param>
/// <param name="OutputTokens">The generated tokens, without the end-of-generation token.</param>
public sealed record GenerationStats(
    int PromptTokens,
    int PromptTokensReused,
    int CompletionTokens,
    GenerationFinishReason FinishReason,
    TimeSpan TimeToFirstToken,
    TimeSpan Elapsed,
    IReadOnlyList<int> OutputTokens)
{
    /// <summary>Generated tokens per second after the first one.</summary>
    public double TokensPerSecond => CompletionTokens > 1 && Elapsed > TimeToFirstToken
        ? (CompletionTokens - 1) / (Elapsed - TimeToFirstToken).TotalSeconds
        : 0;
}
