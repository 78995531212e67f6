using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>A message as received (MESSAGE_CREATE, REST responses); only the fields the bot reads.</summary>
public sealed record DiscordMessage
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong ChannelId { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? GuildId { get; init; }

    public DiscordUser? Author { get; init; }

    /// <summary>Empty for guild messages that do not mention the bot unless the Message Content intent is on.</summary>
    public string Content { get; init; } = "";

    public IReadOnlyList<DiscordUser> Mentions { get; init; } = [];

    public MessageReference? MessageReference { get; init; }

    /// <summary>The message replied to, when Discord includes it.</summary>
    public DiscordMessage? ReferencedMessage { get; init; }

    public IReadOnlyList<Embed> Embeds { get; init; } = [];

    public int Flags { get; init; }

    /// <summary>Set on messages an interaction's token posted: which interaction they answer.</summary>
    public MessageInteractionMetadata? InteractionMetadata { get; init; }
}
