namespace PaperBot.Bot.Chat;

/// <summary>The statistics a model attaches to the end of a streamed response (the local model reports all three).</summary>
public sealed record GenerationReport(int? OutputTokens, double? TokensPerSecond, TimeSpan? TimeToFirstToken);
