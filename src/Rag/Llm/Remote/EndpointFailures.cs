using System.ClientModel;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>Which errors mean "this server is in trouble" (as opposed to "this request is wrong").</summary>
internal static class EndpointFailures
{
    /// <summary>
    /// Connection refused or reset, a 5xx or 429 answer, or a timeout (a cancellation the caller did not ask for).
    /// A 4xx such as a wrong API key or a too long prompt is the request's fault: another server would refuse it too.
    /// </summary>
    public static bool IsEndpointFailure(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        ClientResultException c => c.Status is 0 or 429 or >= 500,
        HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };
}
