namespace PaperBot.Bot.Discord.Gateway;

/// <summary>
/// Discord allows max_concurrency identifies per 5 s, one per bucket (shard_id % max_concurrency); an extra one
/// gets op 9. Shared by all shards in the process.
/// </summary>
public sealed class IdentifyGate(TimeProvider timeProvider, GatewayTimings timings) : IDisposable
{
    private readonly Dictionary<int, long> _lastIdentifyAt = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task WaitAsync(int shardId, int maxConcurrency, CancellationToken cancellationToken)
    {
        var bucket = shardId % Math.Max(1, maxConcurrency);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_lastIdentifyAt.TryGetValue(bucket, out var last))
            {
                var remaining = timings.IdentifyWindow - timeProvider.GetElapsedTime(last);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, timeProvider, cancellationToken);
                }
            }

            _lastIdentifyAt[bucket] = timeProvider.GetTimestamp();
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
