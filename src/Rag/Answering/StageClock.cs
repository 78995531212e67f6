namespace PaperBot.Rag.Answering;

/// <summary>Measures consecutive stages of one request: each <see cref="Lap"/> returns the time since the previous one.</summary>
internal sealed class StageClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private long _last = time.GetTimestamp();

    public TimeSpan Lap()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_last, now);
        _last = now;
        return elapsed;
    }

    public TimeSpan Total => time.GetElapsedTime(_start);
}
