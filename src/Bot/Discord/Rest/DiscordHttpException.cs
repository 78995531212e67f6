using System.Net;

namespace PaperBot.Bot.Discord.Rest;

/// <summary>A REST call failed: Discord answered with an error retrying does not fix, or could not be reached.</summary>
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

    /// <summary>The status Discord answered with; 0 when it could not be reached.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code, e.g. 50013 Missing Permissions, 10008 Unknown Message.</summary>
    public int? ErrorCode { get; }
}
