using System.Globalization;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The days a digest of several days covers (inclusive) and its name: "2026-W12", "2026-03", or "2026-03-02 to
/// 2026-03-08" for a range. The name is also the digest's key in the cache.
/// </summary>
public sealed record DigestPeriod(DateOnly From, DateOnly To, string Name)
{
    /// <summary>An ISO week written yyyy-Www (2026-W12): Monday to Sunday.</summary>
    /// <exception cref="ArgumentException">The text is not an existing ISO week.</exception>
    public static DigestPeriod Week(string isoWeek) => Of(DailyPapersPeriod.Week(isoWeek));

    /// <summary>A month written yyyy-MM (2026-03).</summary>
    /// <exception cref="ArgumentException">The text is not a month.</exception>
    public static DigestPeriod Month(string yearMonth) => Of(DailyPapersPeriod.Month(yearMonth));

    /// <summary>The ISO week <paramref name="day"/> falls in.</summary>
    public static DigestPeriod WeekOf(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return Week(string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date):D4}-W{ISOWeek.GetWeekOfYear(date):D2}"));
    }

    /// <summary>The month <paramref name="day"/> falls in.</summary>
    public static DigestPeriod MonthOf(DateOnly day) => Month(day.ToString("yyyy-MM", CultureInfo.InvariantCulture));

    public static DigestPeriod Range(DateOnly from, DateOnly to) =>
        new(from, to, from == to ? Day(from) : $"{Day(from)} to {Day(to)}");

    /// <summary>"2026-W12 (2026-03-16 to 2026-03-22)"; a range is its days.</summary>
    public string Describe() => Name == Range(From, To).Name ? Name : $"{Name} ({Day(From)} to {Day(To)})";

    private static DigestPeriod Of(DailyPapersPeriod period)
    {
        var (from, to) = period.Days();
        return new DigestPeriod(from, to, period.Value);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
