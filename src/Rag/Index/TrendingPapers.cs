using System.Globalization;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>
/// A period's most upvoted papers (then most commented), what `papers --trending`, the chat's `/trending` and
/// Discord's `/trending` show: the days it covers, how many papers those days hold, and the papers, best first.
/// </summary>
public sealed record TrendingPapers(DateOnly From, DateOnly To, int Total, IReadOnlyList<Paper> Papers)
{
    public const int DefaultTop = 10;

    /// <summary>The days of a week or a month ending on the latest day with papers: the default periods.</summary>
    public const int WeekDays = 7;

    public const int MonthDays = 30;

    /// <summary>
    /// The trending papers of <paramref name="from"/> to <paramref name="to"/>; a missing end is the latest day with
    /// papers, a missing start the week before the end. Null when the index has no dated papers.
    /// </summary>
    public static TrendingPapers? Of(PaperStore store, DateOnly? from, DateOnly? to, int top = DefaultTop)
    {
        if ((to ?? store.LatestDay()) is not { } last)
        {
            return null;
        }

        var first = from ?? last.AddDays(1 - WeekDays);
        var (papers, total) = store.MostUpvoted(first, last, top);
        return new TrendingPapers(first, last, total, [.. papers.Select(p => p.Paper)]);
    }

    /// <summary>"2026-03-17 to 2026-03-23", or the one day.</summary>
    public string Period => From == To ? Day(From) : $"{Day(From)} to {Day(To)}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
