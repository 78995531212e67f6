namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// A day's (or a period's) digest: the text (themes with citations, the most upvoted papers, the sources), how it was written,
/// whether it came from the cache, and for a day without papers the nearest days that have some.
/// </summary>
public sealed record DigestResult
{
    /// <summary>The digest's day; for a period, its last day.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>The week, month or range digested; null for a day's digest.</summary>
    public DigestPeriod? Period { get; init; }

    public required int PaperCount { get; init; }

    public required string Text { get; init; }

    public required AnswerMode Mode { get; init; }

    public bool Cached { get; init; }

    public IReadOnlyList<Citation> Citations { get; init; } = [];

    public int DroppedCitations { get; init; }

    /// <summary>For a day with no papers: the closest days that have papers, nearest first.</summary>
    public IReadOnlyList<DateOnly> NearestDays { get; init; } = [];

    /// <summary>How many model calls went into the reduce steps (more than one when the gists did not fit one window).</summary>
    public int ReduceCalls { get; init; }

    /// <summary>What the reader should know about how the digest was written (the configured model not being usable).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public bool Complete { get; init; } = true;

    public string? Failure { get; init; }

    public TimeSpan Elapsed { get; init; }
}
