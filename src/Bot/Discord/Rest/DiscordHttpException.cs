using System.Net;

namespace PaperBot.Bot.Discord.Rest;

/// <summary>Discord answered a REST call with an error that retrying does not fix.</summary>
public sealed class DiscordHttpException : Exception
{
    public DiscordHttpException() { }

    public DiscordHttpException(string message) : base(message) { }

    public DiscordHttpException(string message, Exception inner) : base(message, inner) { }

    public DiscordHttpException(HttpStatusCode statusCode, int? errorCode, string message) : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code, e.g. 50013 Missing Permissions, 10008 Unknown Message.</summary>
    public int? ErrorCode { get; }
}
