namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>Discord's error JSON; 429s add retry_after and global.</summary>
internal sealed record DiscordErrorBody
{
    public string? Message { get; init; }

    public int? Code { get; init; }

    public double? RetryAfter { get; init; }

    public bool Global { get; init; }
}
