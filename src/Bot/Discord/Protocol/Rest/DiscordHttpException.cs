using System.Net;
using PaperBot.Rag;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>A REST call failed: Discord answered with an error retrying does not fix, or could not be reached.</summary>
public sealed class DiscordHttpException : PaperBotException
{
    public DiscordHttpException() : base(FailureKind.Runtime) { }

    public DiscordHttpException(string message) : base(FailureKind.Runtime, message) { }

    public DiscordHttpException(string message, Exception inner) : base(FailureKind.Runtime, message, inner) { }

    public DiscordHttpException(string message, Exception inner, bool outcomeUnknown) : base(FailureKind.Runtime, message, inner) => OutcomeUnknown = outcomeUnknown;

    public DiscordHttpException(HttpStatusCode statusCode, int? errorCode, string message, bool outcomeUnknown = false) : base(FailureKind.Runtime, message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>
    /// The call may have taken effect: no answer arrived (timeout, dropped connection) or a 5xx came back after
    /// Discord may have done the work. Only a read tells whether it did.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>The interaction can no longer be answered: unknown (10062, too late) or its token expired (50027).</summary>
    public bool InteractionExpired => ErrorCode is DiscordErrorCodes.UnknownInteraction or DiscordErrorCodes.InvalidWebhookToken;

    /// <summary>The status Discord answered with; 0 when it could not be reached.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code, e.g. 50013 Missing Permissions, 10008 Unknown Message.</summary>
    public int? ErrorCode { get; }
}
