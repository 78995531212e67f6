namespace PaperBot.Rag.Corpus;

/// <summary>Fetches periods from the Daily Papers API and ingests them (the sync command, /sync and the daily digest).</summary>
public sealed class PaperSync(DailyPapersClient client, Ingestor ingestor)
{
    public async Task<PeriodSync> SyncAsync(DailyPapersPeriod period, CancellationToken cancellationToken)
    {
        var fetched = await client.FetchAsync(period, cancellationToken);
        var papers = fetched.Entries.Select(e => e.Paper).ToList();
        var outcome = papers.Count == 0 ? null : ingestor.IngestFetched($"hf-api:{period}", papers);
        return new PeriodSync(period, papers.Count, outcome?.Added ?? 0, outcome?.Updated ?? 0, fetched.Warnings);
    }
}
