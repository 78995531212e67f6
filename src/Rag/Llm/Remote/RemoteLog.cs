using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>Log messages of the remote provider. URLs only: API keys are never logged.</summary>
internal static partial class RemoteLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Model server {Url} failed ({Error}); out of the rotation, probed again every {RetryAfter} s")]
    public static partial void EndpointDown(ILogger logger, string url, string? error, int retryAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model server {Url} answers its health probe again; back in the rotation")]
    public static partial void EndpointBack(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model server {Url} failed before answering; retrying on another server")]
    public static partial void Retrying(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request sent to model server {Url} ({InFlight} in flight there)")]
    public static partial void Sent(ILogger logger, string url, int inFlight);
}
