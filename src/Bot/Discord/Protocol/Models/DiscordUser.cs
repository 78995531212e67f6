using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record DiscordUser
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; init; }

    public string Username { get; init; } = "";

    public string? GlobalName { get; init; }

    public bool Bot { get; init; }
}
