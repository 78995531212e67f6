using Microsoft.Extensions.Logging;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>The log lines of watch alerts and their feedback.</summary>
internal static partial class WatchBotLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Watch {WatchId}: alert {AlertId} delivered ({Parts} messages)")]
    public static partial void Delivered(ILogger logger, string watchId, long alertId, int parts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {WatchId}: alert {AlertId} not delivered, will retry on the next pass")]
    public static partial void Retry(ILogger logger, string watchId, long alertId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {WatchId}: alert {AlertId} given up: {Reason}")]
    public static partial void GivenUp(ILogger logger, string watchId, long alertId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch {WatchId}: alert {AlertId} waits: the bot may not send in channel {ChannelId}")]
    public static partial void NoPermission(ILogger logger, string watchId, long alertId, ulong channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch {WatchId} tuned by a {Feedback} from user {UserId}")]
    public static partial void Tuned(ILogger logger, string watchId, string feedback, ulong userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Matching or sending the watches' alerts (synced days: {Days}) failed")]
    public static partial void MatchFailed(ILogger logger, string days, Exception exception);
}
