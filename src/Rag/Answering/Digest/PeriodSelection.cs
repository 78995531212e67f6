using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// What a digest of a week or a month cites: themes are formed over all the period's papers (<see cref="ThemeGrouper"/>),
/// and the digest names each theme's most upvoted papers and the period's most upvoted papers overall; hundreds of
/// papers would not fit a few Discord messages. The cited papers keep the period's order (most upvoted first) and are
/// numbered 1, 2, … in it.
/// </summary>
public sealed class PeriodSelection
{
    /// <summary>How many of the period's most upvoted papers the digest calls out.</summary>
    public const int MostUpvoted = 10;

    /// <summary>A theme's name must be in the AI keywords of this many of its papers (when any theme's is).</summary>
    private const int MinKeywordPapers = 2;

    /// <summary>How many papers each theme names.</summary>
    public const int PapersPerTheme = 3;

    private PeriodSelection(IReadOnlyList<Paper> papers, IReadOnlyList<(Theme Theme, int Total)> themes, int total)
    {
        Papers = papers;
        Themes = themes;
        Total = total;
    }

    /// <summary>The cited papers, most upvoted first.</summary>
    public IReadOnlyList<Paper> Papers { get; }

    /// <summary>The named themes, largest first: each with its cited papers (positions in <see cref="Papers"/>) and its size in the whole period.</summary>
    public IReadOnlyList<(Theme Theme, int Total)> Themes { get; }

    /// <summary>How many papers the period holds.</summary>
    public int Total { get; }

    /// <param name="papers">The period's papers, most upvoted first.</param>
    public static PeriodSelection Of(IReadOnlyList<Paper> papers, CancellationToken cancellationToken = default)
    {
        var themes = ThemeGrouper.Group(papers, cancellationToken)
            .Where(t => t.Label is not ThemeGrouper.OtherPapers and not ThemeGrouper.AllPapers)
            .OrderByDescending(t => t.Papers.Count).ToList();
        // Over a week or a month a common word of titles ("reveals", "gap", "cases") can still name two thirds of a large
        // group; a name that its papers' AI keywords use is a topic (Hugging Face's keywords name topics, not claims).
        var topics = themes.Where(t => t.Papers.Count(i => ThemeGrouper.Names(t.Label, papers[i] with { Title = "", Abstract = "" })) >= MinKeywordPapers).ToList();
        if (topics.Count > 0)
        {
            themes = topics;
        }

        var picked = new SortedSet<int>(Enumerable.Range(0, Math.Min(MostUpvoted, papers.Count)));
        foreach (var theme in themes)
        {
            picked.UnionWith(theme.Papers.Order().Take(PapersPerTheme));
        }

        var number = picked.Select((index, position) => (index, position)).ToDictionary(p => p.index, p => p.position);
        return new PeriodSelection(
            [.. picked.Select(i => papers[i])],
            [.. themes.Select(t => (new Theme(t.Label, [.. t.Papers.Order().Take(PapersPerTheme).Select(i => number[i])]), t.Papers.Count))],
            papers.Count);
    }
}
