namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>REST retry and timeout settings, injectable so tests need not wait seconds.</summary>
public sealed class DiscordRestTimings
{
    /// <summary>Retries after a 429, a 5xx or a timeout.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First wait before retrying a 5xx or timeout; doubles each time. 429s wait as Discord says instead.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
