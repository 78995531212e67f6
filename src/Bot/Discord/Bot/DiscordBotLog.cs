using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol.Gateway;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>The bot's log lines; user text only at Trace.</summary>
internal static partial class DiscordBotLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Registered {Count} slash commands ({Scope})")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Registering slash commands ({Scope}) failed")]
    public static partial void RegistrationFailed(ILogger logger, string scope, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command /{Command} from user {UserId} in channel {ChannelId}")]
    public static partial void CommandReceived(ILogger logger, string command, ulong userId, ulong? channelId);

    [LoggerMessage(Level = LogLevel.Trace, Message = "User {UserId} asked: {Question}")]
    public static partial void Question(ILogger logger, ulong userId, string question);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} was deferred {Age} after its creation (Discord allows 3 s)")]
    public static partial void LateDeferral(ILogger logger, ulong interactionId, TimeSpan age);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {EventName} failed")]
    public static partial void HandlerFailed(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored {EventName}: {Reason}")]
    public static partial void Ignored(ILogger logger, string eventName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queued work failed")]
    public static partial void WorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Showing a status line failed")]
    public static partial void StatusEditFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer ended early: {Notice} ({Failure})")]
    public static partial void AnswerCut(ILogger logger, string notice, string? failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Following the reply chain in channel {ChannelId} stopped")]
    public static partial void HistoryStopped(ILogger logger, ulong channelId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a thread in channel {ChannelId}; replying in the channel")]
    public static partial void ThreadFailed(ILogger logger, ulong channelId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord refused the bot: {Advice}")]
    public static partial void Fatal(ILogger logger, string advice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sync at {Hour}:00 UTC: next run in {Delay}")]
    public static partial void DigestScheduled(ILogger logger, int hour, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily sync of {Day}: {Fetched} fetched, {Added} new")]
    public static partial void DaySynced(ILogger logger, DateOnly day, int fetched, int added);

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily sync or digest of {Day} failed")]
    public static partial void DigestFailed(ILogger logger, DateOnly day, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The weekly digest of {Week} failed")]
    public static partial void WeeklyDigestFailed(ILogger logger, string week, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interaction {InteractionId} was already acknowledged (an earlier attempt's answer was lost)")]
    public static partial void AlreadyAcknowledged(ILogger logger, ulong interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Interaction {InteractionId} expired (Discord code {Code}); nothing more is sent for it")]
    public static partial void InteractionExpired(ILogger logger, ulong interactionId, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A follow-up of interaction {InteractionId} got no answer: {Outcome}")]
    public static partial void FollowupUnconfirmed(ILogger logger, ulong interactionId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot may not post in channel {ChannelId}; not trying there until {Until}")]
    public static partial void ChannelBlocked(ILogger logger, ulong channelId, DateTimeOffset until);
}
