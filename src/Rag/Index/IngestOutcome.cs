namespace PaperBot.Rag.Index;

/// <summary>What one ingested file changed: entries read, papers added, papers enriched, and whether it was skipped as already ingested.</summary>
public sealed record IngestOutcome(string Path, int Entries, int Added, int Updated, bool AlreadyIngested)
{
    /// <summary>
    /// Entries no source gave a featured day (no submittedOnDailyAt, no date in the file's name, no
    /// <c>--featured-on</c>): filed under their publication date, a guess.
    /// </summary>
    public int GuessedDays { get; init; }

    /// <summary>
    /// The file changed more texts than its transaction could count into the term statistics (or they were stale
    /// already): they need recomputing (<see cref="PaperStore.RefreshStatistics"/>) once the batch is written.
    /// </summary>
    public bool StatisticsStale { get; init; }
}
