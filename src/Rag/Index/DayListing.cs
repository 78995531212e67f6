using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>
/// The papers of one day, most upvoted first, or for a day without papers the nearest days that have some. The one
/// rule behind `papers`, the chat's /papers and /date, Discord's /papers, the digest and day questions, so every
/// front end answers "what was on this day" alike.
/// </summary>
public sealed record DayListing(DateOnly Day, IReadOnlyList<Paper> Papers, IReadOnlyList<DateOnly> NearestDays)
{
    /// <summary>How many nearest days an empty day names: enough to see the gap (a weekend, a holiday week).</summary>
    public const int NearestDaysShown = 5;

    /// <summary>The listing of <paramref name="day"/>, or of the latest day when none is given; null when the index has no dated papers.</summary>
    public static DayListing? Of(PaperStore store, DateOnly? day)
    {
        if ((day ?? store.LatestDay()) is not { } listed)
        {
            return null;
        }

        var papers = store.PapersOfDay(listed);
        return new DayListing(listed, papers, papers.Count == 0 ? store.NearestDays(listed, NearestDaysShown) : []);
    }
}
