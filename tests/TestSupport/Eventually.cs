namespace PaperBot.TestSupport;

public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 5 s).</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null) =>
        TrueAsync(condition, timeout, () => what ?? "a condition");

    /// <summary>As above; <paramref name="describe"/> runs only on timeout, so it can report the state at that moment.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout, Func<string> describe)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {describe()}.");
            }

            await Task.Delay(10);
        }
    }
}
