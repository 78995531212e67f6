namespace PaperBot.Bot.Discord.Gateway;

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
