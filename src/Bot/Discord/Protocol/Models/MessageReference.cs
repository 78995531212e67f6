using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>Points a reply at the message it answers (type 0 = reply).</summary>
public sealed record MessageReference
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? MessageId { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? ChannelId { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? GuildId { get; init; }

    /// <summary>False so a reply still posts when the question was deleted meanwhile.</summary>
    public bool? FailIfNotExists { get; init; }
}
