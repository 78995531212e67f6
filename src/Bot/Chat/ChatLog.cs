using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Bot;

namespace PaperBot.Bot.Chat;

/// <summary>The chat's log messages; what the user typed only at Trace.</summary>
internal static partial class ChatLog
{
    [LoggerMessage(Level = LogLevel.Trace, Message = "Chat input: {Input}")]
    public static partial void Input(ILogger logger, string input);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chat answer finished: {Mode}, {Milliseconds} ms")]
    public static partial void Answered(ILogger logger, string mode, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat answer cancelled by the user")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat answer failed: {Reason}")]
    public static partial void Failed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat command failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception);
}
