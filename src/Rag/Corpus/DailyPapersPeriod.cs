using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// What one <c>/api/daily_papers</c> listing covers: a featured day (<c>date=2025-10-02</c>), an ISO week
/// (<c>week=2025-W40</c>) or a month (<c>month=2025-10</c>). Validated here so that a typo fails with a clear
/// message before any request, instead of as the API's 400.
/// </summary>
public sealed partial record DailyPapersPeriod
{
    private DailyPapersPeriod(string parameter, string value)
    {
        Parameter = parameter;
        Value = value;
    }

    /// <summary>The query parameter's name: "date", "week" or "month".</summary>
    public string Parameter { get; }

    /// <summary>The query parameter's value, normalized (e.g. "2025-W40").</summary>
    public string Value { get; }

    /// <summary>The featured day a day listing stands for; null for a week or a month.</summary>
    public DateOnly? FeaturedDay => Parameter == "date" ? DateOnly.ParseExact(Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    public static DailyPapersPeriod Day(DateOnly day) =>
        new("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A day written yyyy-MM-dd.</summary>
    /// <exception cref="ArgumentException">The text is not a valid yyyy-MM-dd date.</exception>
    public static DailyPapersPeriod ParseDay(string date)
    {
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw Invalid($"A date must look like 2025-10-02 (yyyy-MM-dd); got '{date}'.");
        }

        return Day(day);
    }

    /// <summary>An ISO 8601 week written yyyy-Www, e.g. 2025-W40.</summary>
    /// <exception cref="ArgumentException">The text is not an existing ISO week.</exception>
    public static DailyPapersPeriod Week(string isoWeek)
    {
        var match = WeekPattern().Match(isoWeek?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            throw Invalid($"A week must look like 2025-W40 (ISO year, 'W', two-digit week); got '{isoWeek}'.");
        }

        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        var week = int.Parse(match.Groups["week"].ValueSpan, CultureInfo.InvariantCulture);
        var weeks = year >= 1 ? ISOWeek.GetWeeksInYear(year) : 0;
        if (week < 1 || week > weeks)
        {
            throw Invalid($"'{isoWeek}' is not an ISO week: {year} has weeks 01 to {weeks}.");
        }

        return new DailyPapersPeriod("week", FormattableString.Invariant($"{year:D4}-W{week:D2}"));
    }

    /// <summary>A month written yyyy-MM, e.g. 2025-10.</summary>
    /// <exception cref="ArgumentException">The text is not a valid yyyy-MM month.</exception>
    public static DailyPapersPeriod Month(string yearMonth)
    {
        if (!DateOnly.TryParseExact(yearMonth?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            throw Invalid($"A month must look like 2025-10 (yyyy-MM); got '{yearMonth}'.");
        }

        return new DailyPapersPeriod("month", month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>The first and last day the period covers: the day, Monday to Sunday of the ISO week, or the month.</summary>
    public (DateOnly From, DateOnly To) Days()
    {
        switch (Parameter)
        {
            case "week":
                var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(int.Parse(Value[..4], CultureInfo.InvariantCulture), int.Parse(Value[6..], CultureInfo.InvariantCulture), DayOfWeek.Monday));
                return (monday, monday.AddDays(6));
            case "month":
                var first = DateOnly.ParseExact(Value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return (first, first.AddMonths(1).AddDays(-1));
            default:
                return (FeaturedDay!.Value, FeaturedDay.Value);
        }
    }

    /// <summary>The query string form, e.g. "week=2025-W40".</summary>
    public override string ToString() => $"{Parameter}={Value}";

    // No parameter name: the message is shown to users as is, without " (Parameter 'isoWeek')".
    private static ArgumentException Invalid(string message) => new(message);

    [GeneratedRegex(@"^(?<year>\d{4})-[Ww](?<week>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekPattern();
}
