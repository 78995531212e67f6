namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>The wire form of allowed_mentions; the bot only ever sends <see cref="None"/>.</summary>
public sealed record AllowedMentions
{
    public static AllowedMentions None { get; } = new();

    public IReadOnlyList<string> Parse { get; init; } = [];
}
