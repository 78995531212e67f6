using Microsoft.Extensions.Logging;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>Gateway log lines. Frames are never logged whole: Identify and Resume carry the token.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to the Discord gateway at {Url} ({Mode})")]
    public static partial void Connecting(this ILogger logger, string url, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway session ready")]
    public static partial void Ready(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway session resumed")]
    public static partial void Resumed(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Heartbeat sent (seq {Sequence})")]
    public static partial void HeartbeatSent(this ILogger logger, int? sequence);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Heartbeat acknowledged")]
    public static partial void HeartbeatAcknowledged(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Dispatch {EventName} (seq {Sequence})")]
    public static partial void DispatchReceived(this ILogger logger, string eventName, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK since the last beat: the connection is a zombie; reconnecting")]
    public static partial void Zombie(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord asked the bot to reconnect (op 7)")]
    public static partial void ReconnectRequested(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord invalidated the session (op 9, resumable: {Resumable})")]
    public static partial void InvalidSession(this ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord closed the gateway connection: {CloseCode} {Description}")]
    public static partial void ServerClosed(this ILogger logger, int? closeCode, string? description);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Advice} The bot has stopped.")]
    public static partial void Fatal(this ILogger logger, string advice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No READY or RESUMED within {Timeout}; reconnecting")]
    public static partial void ReadyTimeout(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway connection failed; reconnecting")]
    public static partial void TransportError(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach Discord at {Target} ({Reason}); the bot keeps trying in the background")]
    public static partial void Unreachable(this ILogger logger, string target, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord still unreachable after {Attempts} attempts ({Reason})")]
    public static partial void StillUnreachable(this ILogger logger, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting in {Delay} ({Mode})")]
    public static partial void ReconnectDelay(this ILogger logger, TimeSpan delay, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed gateway frame of {Length} bytes")]
    public static partial void MalformedFrame(this ILogger logger, int length, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped a gateway frame with unknown op {Op}")]
    public static partial void UnknownOp(this ILogger logger, int op);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway stopped")]
    public static partial void Stopped(this ILogger logger);
}
