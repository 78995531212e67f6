namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>Why one connection ended; the client decides from it whether to resume, identify or stop.</summary>
internal sealed record GatewayDisconnect(GatewayDisconnectReason Reason, int? CloseCode = null, bool Resumable = true)
{
    public static GatewayDisconnect Stopped { get; } = new(GatewayDisconnectReason.Stopped);
}
