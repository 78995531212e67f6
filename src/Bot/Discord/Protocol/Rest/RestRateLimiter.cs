using System.Collections.Concurrent;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>
/// Learns Discord's buckets from response headers and holds requests back until their bucket has room, so the
/// bot never sends into a bucket it knows is exhausted. A global 429 pauses every non-interaction request.
/// </summary>
internal sealed class RestRateLimiter(TimeProvider timeProvider)
{
    private const int MaxIdleBuckets = 512;

    private readonly ConcurrentDictionary<string, string> _bucketHashByRoute = new();
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new();
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalResumeAt;

    /// <summary>How many buckets are remembered (diagnostics and tests).</summary>
    internal int BucketCount => _buckets.Count;

    /// <summary>Waits until <paramref name="route"/> may be sent; returns the bucket the request was counted in.</summary>
    public async Task<RateLimitBucket> AcquireAsync(DiscordRoute route, Action<TimeSpan> onWait, CancellationToken cancellationToken)
    {
        while (true)
        {
            var globalWait = route.ExemptFromGlobal ? TimeSpan.Zero : GlobalWait();
            if (globalWait > TimeSpan.Zero)
            {
                onWait(globalWait);
                await Task.Delay(globalWait, timeProvider, cancellationToken);
                continue;
            }

            var bucket = BucketFor(route);
            if (await bucket.TryReserveAsync(onWait, cancellationToken))
            {
                return bucket;
            }
        }
    }

    /// <summary>Learns from a response's headers; on a 429 blocks the bucket, or everything when global.</summary>
    public void Observe(DiscordRoute route, RateLimitBucket reserved, RateLimitHeaders headers, bool tooManyRequests, TimeSpan? retryAfter, bool global)
    {
        if (headers.Bucket is { } hash)
        {
            _bucketHashByRoute[route.RouteKey] = hash;
        }

        var bucket = BucketFor(route);
        if (headers is { Remaining: { } remaining, ResetAfter: { } resetAfter })
        {
            bucket.Update(remaining, resetAfter);
        }

        if (tooManyRequests)
        {
            var pause = retryAfter ?? headers.RetryAfter ?? headers.ResetAfter ?? TimeSpan.FromSeconds(1);
            if (global)
            {
                PauseAll(pause);
            }
            else
            {
                bucket.Exhaust(pause);
            }
        }

        // Wakes requests queued behind a probe, whether or not the response described the bucket.
        reserved.Release();
        bucket.Release();
    }

    private void PauseAll(TimeSpan pause)
    {
        lock (_globalLock)
        {
            var until = timeProvider.GetUtcNow() + pause;
            _globalResumeAt = until > _globalResumeAt ? until : _globalResumeAt;
        }
    }

    private TimeSpan GlobalWait()
    {
        lock (_globalLock)
        {
            return _globalResumeAt - timeProvider.GetUtcNow();
        }
    }

    private RateLimitBucket BucketFor(DiscordRoute route)
    {
        // Every interaction adds buckets keyed by its own id and token; forget the expired ones so a long run stays small.
        if (_buckets.Count > MaxIdleBuckets)
        {
            foreach (var (key, idle) in _buckets.Where(b => b.Value.IsIdle()).ToList())
            {
                _buckets.TryRemove(new KeyValuePair<string, RateLimitBucket>(key, idle));
            }
        }

        // Until Discord names the route's bucket, the route itself stands in for it.
        var id = _bucketHashByRoute.TryGetValue(route.RouteKey, out var hash) ? hash : route.RouteKey;
        return _buckets.GetOrAdd($"{id}:{route.MajorParameter}", _ => new RateLimitBucket(timeProvider));
    }
}
