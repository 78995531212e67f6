using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record DiscordChannel
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; init; }

    public int Type { get; init; }

    public string? Name { get; init; }
}
