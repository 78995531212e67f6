namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>Reconnect delays: start small, double up to a cap, with ±25% jitter so shards do not reconnect in step.</summary>
public sealed class ReconnectBackoff
{
    private const double JitterFraction = 0.25;

    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Func<double> _random;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double> random)
    {
        _initial = initial;
        _max = max;
        _random = random;
        _next = initial;
    }

    public TimeSpan Next()
    {
        var current = _next;
        _next = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, _max.Ticks));
        var jitter = 1 + ((_random() * 2) - 1) * JitterFraction;
        return TimeSpan.FromTicks((long)(current.Ticks * jitter));
    }

    /// <summary>Called after a connection reached READY or RESUMED.</summary>
    public void Reset() => _next = _initial;
}
