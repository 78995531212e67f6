using System.Net;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// A Hugging Face API request that failed for good: an error status (after retries where retrying made sense),
/// a malformed body, a timeout or an unreachable server. The message is meant for the user and never carries
/// the access token.
/// </summary>
public sealed class PapersApiException : PaperBotException
{
    public PapersApiException(string message, string requestPath, HttpStatusCode? statusCode, string? apiMessage, Exception? innerException = null)
        : base(FailureKind.Runtime, message, innerException)
    {
        RequestPath = requestPath;
        StatusCode = statusCode;
        ApiMessage = apiMessage;
    }

    public PapersApiException()
        : base(FailureKind.Runtime)
    {
    }

    public PapersApiException(string message)
        : base(FailureKind.Runtime, message)
    {
    }

    public PapersApiException(string message, Exception innerException)
        : base(FailureKind.Runtime, message, innerException)
    {
    }

    /// <summary>The request's path and query relative to the base URL, e.g. "api/daily_papers?date=2025-10-02&amp;p=0&amp;limit=50".</summary>
    public string? RequestPath { get; }

    /// <summary>The final HTTP status, or null when no response came (timeout, connection error).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The API's own explanation from the error body, when it gave one.</summary>
    public string? ApiMessage { get; }
}
