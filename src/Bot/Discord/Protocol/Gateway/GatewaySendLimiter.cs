namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>
/// Keeps one connection under Discord's 120 sends per 60 s (going over disconnects at once). Normal sends stop
/// a few short of the limit so heartbeats, which must never wait, always fit.
/// </summary>
public sealed class GatewaySendLimiter(TimeProvider timeProvider)
{
    public const int Limit = 120;
    public const int NormalLimit = 115;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Queue<long> _sentAt = new();
    private readonly Lock _lock = new();

    public async ValueTask WaitAsync(bool isHeartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = timeProvider.GetTimestamp();
                while (_sentAt.Count > 0 && timeProvider.GetElapsedTime(_sentAt.Peek(), now) >= Window)
                {
                    _sentAt.Dequeue();
                }

                var limit = isHeartbeat ? Limit : NormalLimit;
                if (_sentAt.Count < limit)
                {
                    _sentAt.Enqueue(now);
                    return;
                }

                wait = Window - timeProvider.GetElapsedTime(_sentAt.Peek(), now);
            }

            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
