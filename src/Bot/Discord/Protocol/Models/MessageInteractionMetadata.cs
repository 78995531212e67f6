using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>The interaction a message answers (the fields the bot reads).</summary>
public sealed record MessageInteractionMetadata
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; init; }
}
