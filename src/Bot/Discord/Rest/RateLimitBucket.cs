namespace PaperBot.Bot.Discord.Rest;

/// <summary>What is known of one Discord rate-limit bucket; unknown until the first response describes it.</summary>
internal sealed class RateLimitBucket(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private int? _limit;
    private int? _remaining;
    private DateTimeOffset _resetAt;

    /// <summary>Takes one request from the bucket, or says how long until it refills.</summary>
    public TimeSpan TryReserve()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_remaining is null)
            {
                return TimeSpan.Zero;
            }

            if (now >= _resetAt)
            {
                _remaining = _limit is { } limit ? limit - 1 : null;
                return TimeSpan.Zero;
            }

            if (_remaining > 0)
            {
                _remaining--;
                return TimeSpan.Zero;
            }

            return _resetAt - now;
        }
    }

    public void Update(int limit, int remaining, TimeSpan resetAfter)
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();

            // Within the same window, responses can arrive out of order; the lower count is the safe one.
            var sameWindow = now < _resetAt && _remaining is not null;
            _limit = limit;
            _remaining = sameWindow ? Math.Min(_remaining!.Value, remaining) : remaining;
            _resetAt = now + resetAfter;
        }
    }

    /// <summary>A 429 for this bucket: nothing may be sent until <paramref name="retryAfter"/> passes.</summary>
    public void Exhaust(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            _remaining = 0;
            _resetAt = timeProvider.GetUtcNow() + retryAfter;
        }
    }
}
