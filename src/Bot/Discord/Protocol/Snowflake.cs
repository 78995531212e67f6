namespace PaperBot.Bot.Discord.Protocol;

/// <summary>Discord ids embed their creation time; interaction deadlines (3 s, 15 min) are measured from it.</summary>
public static class Snowflake
{
    private const long DiscordEpochMs = 1_420_070_400_000;

    public static DateTimeOffset CreatedAt(ulong id) => DateTimeOffset.FromUnixTimeMilliseconds((long)(id >> 22) + DiscordEpochMs);

    /// <summary>The smallest id created at <paramref name="time"/>; for tests and for range queries.</summary>
    public static ulong FromTime(DateTimeOffset time) => (ulong)(time.ToUnixTimeMilliseconds() - DiscordEpochMs) << 22;
}
