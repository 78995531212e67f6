namespace PaperBot.Bot.Discord.Bot;

/// <summary>When the next daily sync runs: the next time the UTC clock shows the hour, today's if still ahead.</summary>
public static class DigestSchedule
{
    public static TimeSpan UntilNext(DateTimeOffset now, int hourUtc)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, hourUtc, 0, 0, TimeSpan.Zero);
        var next = today > utc ? today : today.AddDays(1);
        return next - utc;
    }
}
