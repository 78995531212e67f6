using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// The configured servers and their state. A request takes a slot on the usable server with the fewest requests
/// in flight (ties: the one that served fewest, so sequential requests alternate); when every usable server is
/// full it waits for a slot. A server that fails is taken out of the rotation; a timer probes it every
/// Llm:RetryAfterSeconds and brings it back when it answers. With no usable server left a request fails at once
/// with <see cref="ModelUnavailableException"/>.
/// </summary>
public sealed class EndpointPool : IDisposable
{
    /// <summary>
    /// Retries a request that failed on one server (<see cref="EndpointFailedException"/>) on another, at once. One
    /// more attempt than there are other servers: the last finds them all out and throws
    /// <see cref="ModelUnavailableException"/>, which names every server's error.
    /// </summary>
    public ResiliencePipeline FailoverPipeline() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, Endpoints.Count),
            Delay = TimeSpan.Zero,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
            ShouldHandle = new PredicateBuilder().Handle<EndpointFailedException>(),
        })
        .Build();

    private readonly Lock _gate = new();
    private readonly IReadOnlyList<RemoteEndpoint> _endpoints;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryAfter;
    private readonly TimeSpan _probeTimeout;
    private readonly ILogger _logger;
    private readonly IDisposable? _owned;
    private readonly ITimer _probeTimer;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _probing;

    internal EndpointPool(IReadOnlyList<RemoteEndpoint> endpoints, TimeSpan retryAfter, TimeSpan probeTimeout, TimeProvider time, ILogger logger, IDisposable? owned = null)
    {
        _endpoints = endpoints;
        _time = time;
        _retryAfter = retryAfter;
        _probeTimeout = probeTimeout;
        _logger = logger;
        _owned = owned;
        _probeTimer = time.CreateTimer(_ => _ = ProbeDownAsync(), null, retryAfter, retryAfter);
    }

    internal IReadOnlyList<RemoteEndpoint> Endpoints => _endpoints;

    /// <summary>Requests the pool takes at once: the sum of the usable servers' Parallel.</summary>
    public int Capacity
    {
        get
        {
            lock (_gate)
            {
                return _endpoints.Where(e => e.Health != EndpointHealth.Down).Sum(e => e.Options.Parallel);
            }
        }
    }

    /// <summary>The sum of every configured server's Parallel, up or down.</summary>
    public int ConfiguredCapacity => _endpoints.Sum(e => e.Options.Parallel);

    public IReadOnlyList<EndpointStatus> Status()
    {
        lock (_gate)
        {
            return [.. _endpoints.Select(e => e.Status())];
        }
    }

    /// <summary>Probes every server now (for `models` and /model) and returns their state.</summary>
    public async Task<IReadOnlyList<EndpointStatus>> ProbeAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_endpoints.Select(e => ProbeAsync(e, cancellationToken)));
        return Status();
    }

    internal async Task<EndpointLease> AcquireAsync(IReadOnlyCollection<RemoteEndpoint> exclude, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                RemoteEndpoint? best = null;
                var usable = false;
                foreach (var e in _endpoints)
                {
                    if (e.Health == EndpointHealth.Down || exclude.Contains(e))
                    {
                        continue;
                    }

                    usable = true;
                    if (e.HasFreeSlot && (best is null || (e.InFlight, e.Served) .CompareTo((best.InFlight, best.Served)) < 0))
                    {
                        best = e;
                    }
                }

                if (!usable)
                {
                    throw new ModelUnavailableException(DownMessage());
                }

                if (best is not null)
                {
                    best.InFlight++;
                    best.Served++;
                    return new EndpointLease(this, best);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    internal void Release(RemoteEndpoint endpoint)
    {
        lock (_gate)
        {
            endpoint.InFlight--;
            SignalLocked();
        }
    }

    internal void MarkHealthy(RemoteEndpoint endpoint)
    {
        lock (_gate)
        {
            endpoint.Health = EndpointHealth.Healthy;
        }
    }

    internal void MarkDown(RemoteEndpoint endpoint, Exception cause)
    {
        lock (_gate)
        {
            endpoint.Failures++;
            endpoint.LastError = Describe(cause);
            if (endpoint.Health == EndpointHealth.Down)
            {
                return;
            }

            endpoint.Health = EndpointHealth.Down;
            endpoint.DownSince = _time.GetUtcNow();
            SignalLocked();
        }

        RemoteLog.EndpointDown(_logger, endpoint.Options.DisplayUrl, endpoint.LastError, (int)_retryAfter.TotalSeconds);
    }

    public void Dispose()
    {
        _probeTimer.Dispose();
        _owned?.Dispose();
    }

    private async Task ProbeDownAsync()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetUtcNow();
            List<RemoteEndpoint> due;
            lock (_gate)
            {
                due = [.. _endpoints.Where(e => e.Health == EndpointHealth.Down && now - e.DownSince >= _retryAfter)];
            }

            await Task.WhenAll(due.Select(e => ProbeAsync(e, CancellationToken.None)));
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private async Task ProbeAsync(RemoteEndpoint endpoint, CancellationToken cancellationToken)
    {
        bool up;
        string? error = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_probeTimeout);
            try
            {
                up = await endpoint.Api.ProbeAsync(timeout.Token);
                error = up ? null : "the health probe was refused";
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                up = false;
                error = Describe(e);
            }
        }

        bool cameBack;
        lock (_gate)
        {
            cameBack = up && endpoint.Health == EndpointHealth.Down;
            if (up)
            {
                endpoint.Health = EndpointHealth.Healthy;
                SignalLocked();
            }
            else
            {
                if (endpoint.Health != EndpointHealth.Down)
                {
                    endpoint.DownSince = _time.GetUtcNow();
                }

                endpoint.Health = EndpointHealth.Down;
                endpoint.LastError = error;
            }
        }

        if (cameBack)
        {
            RemoteLog.EndpointBack(_logger, endpoint.Options.DisplayUrl);
        }
    }

    private void SignalLocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private string DownMessage()
    {
        var reasons = _endpoints.Select(e => $"{e.Options.DisplayUrl}: {e.LastError ?? "down"}");
        return _endpoints.Count == 1
            ? $"the model server is unreachable ({string.Join("; ", reasons)})"
            : $"all {_endpoints.Count} model servers are unreachable ({string.Join("; ", reasons)})";
    }

    internal static string Describe(Exception e) => e switch
    {
        OperationCanceledException => "timed out",
        System.ClientModel.ClientResultException { Status: > 0 } c => $"HTTP {c.Status}",
        _ when e.InnerException is { } inner && e is not HttpRequestException => Describe(inner),
        _ => e.Message,
    };
}
