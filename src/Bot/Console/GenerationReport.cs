namespace PaperBot.Bot.Chat;

/// <summary>
/// What a model attaches to the end of a streamed response (the local model reports both). Its time to first
/// token is not taken: the chat shows the time the user waited, retrieval and prompt included.
/// </summary>
public sealed record GenerationReport(int? OutputTokens, double? TokensPerSecond);
