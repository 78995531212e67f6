using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Ingestion;

/// <summary>Fetches periods from the Daily Papers API and ingests them (the sync command, /sync and the daily digest).</summary>
public sealed class PaperSync(DailyPapersClient client, Ingestor ingestor, PaperStore store, TimeProvider time)
{
    public async Task<PeriodSync> SyncAsync(DailyPapersPeriod period, CancellationToken cancellationToken)
    {
        var fetched = await client.FetchAsync(period, cancellationToken);
        var papers = fetched.Entries.Select(e => e.Paper).ToList();
        var outcome = papers.Count == 0 ? null : ingestor.IngestFetched($"hf-api:{period}", papers);

        // Recorded for empty days (weekends) too, so that a backfill knows they were fetched.
        store.RecordSync(period.ToString(), time.GetUtcNow());
        return new PeriodSync(period, papers.Count, outcome?.Added ?? 0, outcome?.Updated ?? 0, fetched.Warnings);
    }

    /// <summary>
    /// Whether <paramref name="day"/> was synced after it ended (UTC): its listing is then complete and a
    /// backfill need not fetch it again. A day synced while it was still going on is fetched again.
    /// </summary>
    public bool IsComplete(DateOnly day) =>
        store.LastSync(DailyPapersPeriod.Day(day).ToString()) is { } at
        && at >= new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
