namespace PaperBot.TestSupport.Discord;

/// <summary>A scripted misbehaviour the fake REST API applies to the next matching request.</summary>
public abstract record RestFault
{
    /// <summary>429 for the request's bucket, with bucket headers; the bucket stays exhausted for <paramref name="RetryAfter"/>.</summary>
    public sealed record BucketRateLimited(TimeSpan RetryAfter) : RestFault;

    /// <summary>429 with X-RateLimit-Global; every non-interaction request is refused for <paramref name="RetryAfter"/>.</summary>
    public sealed record GlobalRateLimited(TimeSpan RetryAfter) : RestFault;

    /// <summary>An error status (500, 502, 401, 403...) with Discord's error JSON.</summary>
    public sealed record Status(int Code, int ErrorCode = 0) : RestFault;

    /// <summary>Handles the request normally, then drops the connection: Discord did the work, the bot never hears of it.</summary>
    public sealed record LoseResponse : RestFault;

    /// <summary>Waits before handling the request normally.</summary>
    public sealed record Delay(TimeSpan Duration) : RestFault;
}
