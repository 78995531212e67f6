using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// <see cref="IChatClient"/> over the servers of an <see cref="EndpointPool"/>. A request that fails before its
/// first piece of text is retried on another server (Polly); once text has been produced a failure ends the
/// stream with the error, and the caller marks the answer incomplete: text already shown is never repeated.
/// </summary>
public sealed class EndpointPoolChatClient : IChatClient
{
    private readonly EndpointPool _pool;
    private readonly ChatOptions _defaults;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    public EndpointPoolChatClient(EndpointPool pool, ChatOptions defaults, ILogger logger)
    {
        _pool = pool;
        _defaults = defaults;
        _logger = logger;
        _retry = pool.FailoverPipeline();
    }

    public EndpointPool Pool => _pool;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var merged = Merge(options);
        var tried = new List<RemoteEndpoint>();
        var start = await _retry.ExecuteAsync(async _ => await StartAsync(list, merged, tried, cancellationToken), cancellationToken);
        using var lease = start.Lease;
        await using var stream = start.Stream;
        var finished = false;
        foreach (var update in start.Buffered)
        {
            finished |= update.FinishReason is not null;
            yield return update;
        }

        if (start.Ended)
        {
            yield break;
        }

        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    // A server that dies can close the connection cleanly: without a finish reason the answer is cut.
                    if (!finished)
                    {
                        throw new IOException("the model server closed the stream before the answer was finished");
                    }

                    yield break;
                }
            }
            catch (Exception e) when (EndpointFailures.IsEndpointFailure(e, cancellationToken))
            {
                // Text has reached the caller: no retry. The server leaves the rotation for the next requests.
                _pool.MarkDown(lease.Endpoint, e);
                throw;
            }

            finished |= stream.Current.FinishReason is not null;
            yield return stream.Current;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai", null, _pool.Endpoints[0].Options.Model)
        : serviceType == typeof(EndpointPool) ? _pool
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The pool belongs to the DI container.
    }

    /// <summary>
    /// Takes a slot, sends the request and reads up to the first piece of text. A server failure on the way
    /// frees the slot, takes the server out and throws <see cref="EndpointFailedException"/> for the retry.
    /// </summary>
    private async Task<Started> StartAsync(IReadOnlyList<ChatMessage> messages, ChatOptions options, List<RemoteEndpoint> tried, CancellationToken cancellationToken)
    {
        var lease = await _pool.AcquireAsync(tried, cancellationToken);
        tried.Add(lease.Endpoint);
        RemoteLog.Sent(_logger, lease.Endpoint.Options.DisplayUrl, lease.Endpoint.InFlight);
        var stream = lease.Endpoint.Chat.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var buffered = new List<ChatResponseUpdate>();
        try
        {
            while (await stream.MoveNextAsync())
            {
                buffered.Add(stream.Current);
                if (!string.IsNullOrEmpty(stream.Current.Text))
                {
                    _pool.MarkHealthy(lease.Endpoint);
                    return new Started(lease, stream, buffered, Ended: false);
                }
            }

            if (!buffered.Any(u => u.FinishReason is not null))
            {
                throw new IOException("the model server closed the stream before answering");
            }

            _pool.MarkHealthy(lease.Endpoint);
            return new Started(lease, stream, buffered, Ended: true);
        }
        catch (Exception e)
        {
            await stream.DisposeAsync();
            lease.Dispose();
            if (!EndpointFailures.IsEndpointFailure(e, cancellationToken))
            {
                throw;
            }

            _pool.MarkDown(lease.Endpoint, e);
            RemoteLog.Retrying(_logger, lease.Endpoint.Options.DisplayUrl);
            throw new EndpointFailedException($"{lease.Endpoint.Options.DisplayUrl} failed: {EndpointPool.Describe(e)}", e);
        }
    }

    private ChatOptions Merge(ChatOptions? options)
    {
        var merged = options?.Clone() ?? new ChatOptions();
        merged.Temperature ??= _defaults.Temperature;
        merged.TopP ??= _defaults.TopP;
        merged.Seed ??= _defaults.Seed;
        merged.MaxOutputTokens ??= _defaults.MaxOutputTokens;
        return merged;
    }

    private sealed record Started(EndpointLease Lease, IAsyncEnumerator<ChatResponseUpdate> Stream, List<ChatResponseUpdate> Buffered, bool Ended);
}
