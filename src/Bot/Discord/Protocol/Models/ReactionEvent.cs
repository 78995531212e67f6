using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>A MESSAGE_REACTION_ADD payload: who reacted, with which emoji, to which message.</summary>
public sealed record ReactionEvent
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong UserId { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong ChannelId { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong MessageId { get; init; }

    /// <summary>Absent for a reaction in a DM.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? GuildId { get; init; }

    public ReactionEmoji? Emoji { get; init; }
}

/// <summary>A reaction's emoji: a Unicode emoji has only a name (the emoji itself); a custom one has an id too.</summary>
public sealed record ReactionEmoji
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? Id { get; init; }

    public string? Name { get; init; }
}
