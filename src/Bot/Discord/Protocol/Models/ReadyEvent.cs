namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>The READY dispatch fields the bot uses.</summary>
public sealed record ReadyEvent
{
    public string SessionId { get; init; } = "";

    public string ResumeGatewayUrl { get; init; } = "";

    public DiscordUser? User { get; init; }
}
