namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>GET /gateway/bot: where to connect and how many identifies are allowed.</summary>
public sealed record GatewayBotInfo
{
    public string Url { get; init; } = "";

    public int Shards { get; init; } = 1;

    public SessionStartLimit SessionStartLimit { get; init; } = new();
}
