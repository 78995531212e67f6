using Microsoft.Extensions.Logging;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>The log lines of the servers' own daily schedules.</summary>
internal static partial class ServerScheduleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId}: posted the digest of {Day}")]
    public static partial void Posted(ILogger logger, string serverId, DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId}: posted the digest of week {Week}")]
    public static partial void PostedWeek(ILogger logger, string serverId, string week);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server {ServerId}: the bot may not post in digest channel {ChannelId}")]
    public static partial void NoPermission(ILogger logger, string serverId, ulong channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server {ServerId}: the daily sync or digest failed")]
    public static partial void RunFailed(ILogger logger, string serverId, Exception exception);
}
