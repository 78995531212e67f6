namespace PaperBot.TestSupport.Discord;

/// <summary>A fixed-window rate-limit bucket as the fake enforces it.</summary>
internal sealed class FakeBucket(int limit, TimeSpan window)
{
    public int Limit { get; } = limit;

    public int Remaining { get; private set; } = limit;

    public DateTimeOffset ResetAt { get; private set; }

    /// <summary>Counts one request; false when the bucket was already exhausted.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        if (now >= ResetAt)
        {
            Remaining = Limit;
            ResetAt = now + window;
        }

        if (Remaining == 0)
        {
            return false;
        }

        Remaining--;
        return true;
    }

    public void Exhaust(DateTimeOffset now, TimeSpan retryAfter)
    {
        Remaining = 0;
        ResetAt = now + retryAfter;
    }
}
