using System.Net;
using Microsoft.Extensions.Logging;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>REST log lines. Routes are logged by template: concrete paths can hold interaction tokens.</summary>
internal static partial class DiscordRestLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Route} → {Status}")]
    public static partial void Response(this ILogger logger, DiscordRoute route, HttpStatusCode status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Route} waits {Wait} for its rate limit")]
    public static partial void WaitingForRateLimit(this ILogger logger, DiscordRoute route, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} hit a {Scope} rate limit; retrying after {RetryAfter}")]
    public static partial void RateLimited(this ILogger logger, DiscordRoute route, string scope, TimeSpan? retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} failed with {Status}; retried unless attempts are used up")]
    public static partial void ServerError(this ILogger logger, DiscordRoute route, HttpStatusCode status);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord rejected the bot token (401 Unauthorized on {Route}): set a valid token in Discord:Token. REST calls are stopped.")]
    public static partial void Unauthorized(this ILogger logger, DiscordRoute route);
}
