namespace PaperBot.Bot.Discord.Protocol.Gateway;

internal enum GatewayDisconnectReason
{
    Stopped,
    ServerClosed,
    ReconnectRequested,
    InvalidSession,
    Zombie,
    ReadyTimeout,
    TransportError,
}
