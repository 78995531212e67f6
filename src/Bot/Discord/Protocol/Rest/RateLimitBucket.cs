namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>
/// What is known of one Discord rate-limit bucket. Until a response describes it, only one request at a time
/// probes it, so a burst cannot overrun a limit the bot has not learned yet; the same once its window has passed,
/// since the next window's start is known only from a response.
/// </summary>
internal sealed class RateLimitBucket(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private DateTimeOffset _resetAt;
    private TaskCompletionSource? _probe;

    /// <summary>
    /// Takes one request from the bucket and returns true, or waits until it might have room and returns false
    /// (the caller re-checks, since the route may meanwhile map to another bucket).
    /// </summary>
    public async ValueTask<bool> TryReserveAsync(Action<TimeSpan> onWait, CancellationToken cancellationToken)
    {
        Task? probeInFlight = null;
        TimeSpan wait;
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_remaining is not null && now >= _resetAt)
            {
                // The window has passed. Discord starts the next one when a request arrives, which under load is
                // later than this clock says: assuming a full bucket and a window from now sent a second burst into
                // the first's still-open window. One request probes it; the rest wait for its response.
                _remaining = null;
            }

            if (_remaining is null)
            {
                if (_probe is null)
                {
                    _probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    return true;
                }

                probeInFlight = _probe.Task;
                wait = TimeSpan.Zero;
            }
            else if (_remaining > 0)
            {
                _remaining--;
                return true;
            }
            else
            {
                wait = _resetAt - now;
            }
        }

        if (probeInFlight is not null)
        {
            await probeInFlight.WaitAsync(cancellationToken);
        }
        else
        {
            onWait(wait);
            await Task.Delay(wait, timeProvider, cancellationToken);
        }

        return false;
    }

    public void Update(int remaining, TimeSpan resetAfter)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();

            // Within one window responses can arrive out of order, and requests reserved since are not counted
            // in them yet: the lower count and the later reset are the safe ones.
            var sameWindow = now < _resetAt && _remaining is not null;
            _remaining = sameWindow ? Math.Min(_remaining!.Value, remaining) : remaining;
            _resetAt = sameWindow && _resetAt > now + resetAfter ? _resetAt : now + resetAfter;
            ReleaseProbe();
        }
    }

    /// <summary>A 429 for this bucket: nothing may be sent until <paramref name="retryAfter"/> passes.</summary>
    public void Exhaust(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            _remaining = 0;
            _resetAt = timeProvider.GetUtcNow() + retryAfter;
            ReleaseProbe();
        }
    }

    /// <summary>Whether forgetting this bucket loses nothing: its window has passed and no probe is in flight.</summary>
    public bool IsIdle()
    {
        lock (_lock)
        {
            return _probe is null && timeProvider.GetUtcNow() >= _resetAt;
        }
    }

    /// <summary>The reserved request ended without describing the bucket (no headers, or it failed).</summary>
    public void Release()
    {
        lock (_lock)
        {
            ReleaseProbe();
        }
    }

    private void ReleaseProbe()
    {
        _probe?.TrySetResult();
        _probe = null;
    }
}
