namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record GuildMember
{
    public DiscordUser? User { get; init; }

    public string? Nick { get; init; }

    /// <summary>On interactions: the member's permissions in the channel, overwrites included (a decimal string).</summary>
    public string? Permissions { get; init; }

    [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
    public IReadOnlyList<ulong> Roles { get; init; } = [];
}
