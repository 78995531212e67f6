using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>Builds a pool: one OpenAI client per server, all over one HttpClient that the pool owns.</summary>
internal static class EndpointPoolFactory
{
    public static EndpointPool Create(IReadOnlyList<RemoteEndpointOptions> endpoints, int requestTimeoutSeconds, int retryAfterSeconds, TimeProvider time, ILogger logger)
    {
        var timeout = TimeSpan.FromSeconds(requestTimeoutSeconds);
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, requestTimeoutSeconds)) })
        {
            // Each step has its own timeout (NetworkTimeout, the probe's); a whole streamed answer may take long.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var probeTimeout = TimeSpan.FromSeconds(Math.Min(5, requestTimeoutSeconds));
        var list = new List<RemoteEndpoint>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            var e = endpoints[i];
            var client = new OpenAIClient(
                // Servers without keys ignore the header; the OpenAI library insists on a credential.
                new ApiKeyCredential(string.IsNullOrEmpty(e.ApiKey) ? "none" : e.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(e.Url),
                    Transport = new HttpClientPipelineTransport(http),
                    NetworkTimeout = timeout,
                    // Retries go to another server, through the pool, not again to the same one.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                });
            list.Add(new RemoteEndpoint(i, e, client, new ServerApi(http, e, probeTimeout)));
        }

        return new EndpointPool(list, TimeSpan.FromSeconds(retryAfterSeconds), probeTimeout, time, logger, http);
    }
}
