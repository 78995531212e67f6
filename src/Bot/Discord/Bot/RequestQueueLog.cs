using Microsoft.Extensions.Logging;

namespace PaperBot.Bot.Discord.Bot;

internal static partial class RequestQueueLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Request from user {UserId} queued at position {Position}")]
    public static partial void Queued(this ILogger logger, ulong userId, int position);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request from user {UserId} refused: {Rejection}")]
    public static partial void Refused(this ILogger logger, ulong userId, QueueRejection rejection);

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued request from user {UserId} failed")]
    public static partial void Failed(this ILogger logger, ulong userId, Exception exception);
}
