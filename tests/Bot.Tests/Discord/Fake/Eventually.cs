namespace PaperBot.Bot.Tests.Discord.Fake;

public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 5 s).</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(10);
        }
    }
}
