using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Ingestion;

/// <summary>
/// What a batch ingest did: per-file outcomes, entries skipped with a warning, files refused, and the files not
/// ingested because the batch was cancelled (<see cref="RolledBack"/> among them when it was cancelled mid-file).
/// </summary>
public sealed record IngestReport(
    IReadOnlyList<IngestOutcome> Outcomes,
    IReadOnlyList<ParseWarning> Warnings,
    IReadOnlyList<CorpusFormatException> Failures,
    int NotReached = 0)
{
    /// <summary>The file being written when the batch was cancelled: its transaction was rolled back.</summary>
    public string? RolledBack { get; init; }

    public int Entries => Outcomes.Sum(o => o.Entries);

    public int Added => Outcomes.Sum(o => o.Added);

    public int Updated => Outcomes.Sum(o => o.Updated);

    /// <summary>Papers filed under a guessed day (their publication date).</summary>
    public int GuessedDays => Outcomes.Sum(o => o.GuessedDays);
}
