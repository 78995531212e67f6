using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// The day or period a question names in words: "2026-06-16", "June 16, 2026", "16 Jun 2026", "Oct 3rd, 2024",
/// "Mar 12" (no year: the latest such day the index has, else the latest one up to today), "yesterday", "today",
/// "this week", "last week", "this month", "last month", "in May 2025". Weeks run Monday to Sunday, as Hugging
/// Face's weekly listings do. Only the first mention counts: a question about one period names it once.
/// </summary>
public static partial class QuestionDates
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>
    /// The period <paramref name="question"/> names, or null. <paramref name="latestIndexedDay"/> gives the latest
    /// day with papers on a month and day (for a date written without its year), null when the index has none.
    /// </summary>
    public static DateMention? Find(string question, DateOnly today, Func<int, int, DateOnly?> latestIndexedDay)
    {
        var candidates = new List<DateMention>();
        foreach (Match m in IsoRegex().Matches(question))
        {
            if (Day(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture)) is { } day)
            {
                candidates.Add(new DateMention(day, day, m.Index, m.Length));
            }
        }

        foreach (Match m in WrittenDayRegex().Matches(question))
        {
            if (!m.Groups["year"].Success && m.Groups["month"].Value == "may")
            {
                // "which may 2x the speed": without a year, only a capitalized May is the month.
                continue;
            }

            var month = Month(m.Groups["month"].Value);
            var dayOfMonth = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            DateOnly? day = m.Groups["year"].Success
                ? Day(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), month, dayOfMonth)
                : Yearless(month, dayOfMonth, today, latestIndexedDay);
            if (day is { } found)
            {
                candidates.Add(new DateMention(found, found, m.Index, m.Length));
            }
        }

        foreach (Match m in MonthYearRegex().Matches(question))
        {
            var first = new DateOnly(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), Month(m.Groups["month"].Value), 1);
            candidates.Add(new DateMention(first, first.AddMonths(1).AddDays(-1), m.Index, m.Length));
        }

        foreach (Match m in RelativeRegex().Matches(question))
        {
            candidates.Add(Relative(m, today));
        }

        // A written day beats the month-and-year that overlaps it ("May 6, 2025" is not "May 2025"... nor "6, 2025").
        return candidates.OrderBy(c => c.Start).ThenByDescending(c => c.Length).FirstOrDefault();
    }

    /// <summary>The question without the words that name its period, for searching: the period is a filter, not a topic.</summary>
    public static string Without(string question, DateMention mention) =>
        SpaceRegex().Replace(question.Remove(mention.Start, mention.Length), " ").Trim();

    private static DateMention Relative(Match m, DateOnly today)
    {
        var text = SpaceRegex().Replace(m.Value.ToLowerInvariant(), " ");
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = text switch
        {
            "today" => (today, today),
            "yesterday" => (today.AddDays(-1), today.AddDays(-1)),
            "this week" => (monday, today),
            "last week" or "past week" => (monday.AddDays(-7), monday.AddDays(-1)),
            "this month" => (firstOfMonth, today),
            "last month" or "past month" => (firstOfMonth.AddMonths(-1), firstOfMonth.AddDays(-1)),
            _ => throw new InvalidOperationException($"no rule for '{text}'"),
        };
        return new DateMention(from, to, m.Index, m.Length);
    }

    /// <summary>A day written without its year: the latest indexed one, else the latest up to today (never a future day).</summary>
    private static DateOnly? Yearless(int month, int dayOfMonth, DateOnly today, Func<int, int, DateOnly?> latestIndexedDay)
    {
        if (dayOfMonth > DateTime.DaysInMonth(2024, month))
        {
            return null;
        }

        if (latestIndexedDay(month, dayOfMonth) is { } indexed)
        {
            return indexed;
        }

        for (var year = today.Year; year > today.Year - 8; year--)
        {
            if (Day(year, month, dayOfMonth) is { } day && day <= today)
            {
                return day;
            }
        }

        return null;
    }

    private static DateOnly? Day(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static int Month(string name)
    {
        var key = name.TrimEnd('.').ToLowerInvariant();
        return Array.FindIndex(MonthNames, m => m.StartsWith(key[..3], StringComparison.Ordinal)) + 1;
    }

    private const string MonthPattern =
        @"(?<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

    private const string DayPattern = @"(?<day>[0-3]?\d)(?:st|nd|rd|th)?";

    [GeneratedRegex(@"(?<![\d-])(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?![\d-])")]
    private static partial Regex IsoRegex();

    /// <summary>"June 16, 2026", "Jun 16th 2026", "16 June 2026", "16th of June, 2026", and the same without a year.</summary>
    [GeneratedRegex(@"\b(?:" + MonthPattern + @"\s+" + DayPattern + @"|" + DayPattern + @"\s+(?:of\s+)?" + MonthPattern + @")(?![\p{L}\d])(?:,?\s+(?<year>(?:19|20)\d\d)(?!\d))?", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenDayRegex();

    [GeneratedRegex(@"\b" + MonthPattern + @",?\s+(?<year>(?:19|20)\d\d)(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MonthYearRegex();

    [GeneratedRegex(@"\b(?:today(?!['’]s)|yesterday|(?:this|last|past)\s+(?:week|month))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRegex();
}

/// <summary>A period named in a question (<see cref="From"/> to <see cref="To"/>, inclusive) and where its words are.</summary>
public sealed record DateMention(DateOnly From, DateOnly To, int Start, int Length);
