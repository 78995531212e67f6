namespace PaperBot.Rag.Answering;

/// <summary>
/// What generating the answer cost, as the model reported it: prompt and answer tokens, generation speed, and
/// the time from the request to the first token of the answer. Every figure is null for an extractive answer
/// and for a model that does not report it.
/// </summary>
public sealed record AnswerUsage(int? PromptTokens, int? AnswerTokens, double? TokensPerSecond, TimeSpan? TimeToFirstToken)
{
    public static AnswerUsage None { get; } = new(null, null, null, null);
}
