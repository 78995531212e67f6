namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>
/// Discord allows max_concurrency identifies per 5 s, one per bucket (shard_id % max_concurrency); an extra one
/// gets op 9. Shared by all shards in the process; each caller books the next free slot of its bucket.
/// </summary>
public sealed class IdentifyGate(TimeProvider timeProvider, GatewayTimings timings)
{
    private readonly Dictionary<int, DateTimeOffset> _nextSlot = [];
    private readonly Lock _lock = new();

    public async Task WaitAsync(int shardId, int maxConcurrency, CancellationToken cancellationToken)
    {
        var bucket = shardId % Math.Max(1, maxConcurrency);
        TimeSpan wait;
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            var slot = _nextSlot.TryGetValue(bucket, out var next) && next > now ? next : now;
            _nextSlot[bucket] = slot + timings.IdentifyWindow;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
