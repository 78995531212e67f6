namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>
/// What is known of one Discord rate-limit bucket. Until a response describes it, only one request at a time
/// probes it, so a burst cannot overrun a limit the bot has not learned yet.
/// </summary>
internal sealed class RateLimitBucket(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private int? _limit;
    private int? _remaining;
    private DateTimeOffset _resetAt;
    private TimeSpan _window;
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
                // Refilled; until a response gives the new reset time, assume a full window from now.
                _remaining = _limit;
                _resetAt = now + _window;
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

    public void Update(int limit, int remaining, TimeSpan resetAfter)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();

            // Within one window responses can arrive out of order, and requests reserved since are not counted
            // in them yet: the lower count is the safe one.
            var sameWindow = now < _resetAt && _remaining is not null;
            _limit = limit;
            _remaining = sameWindow ? Math.Min(_remaining!.Value, remaining) : remaining;
            _resetAt = now + resetAfter;
            _window = resetAfter > _window ? resetAfter : _window;
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
