namespace PaperBot.Rag.Corpus;

/// <summary>Reads the wait a 429 or 503 asks for in its Retry-After header (seconds or an HTTP date).</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? DelayOf(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
