using PaperBot.Rag.Corpus;

namespace PaperBot.Bot.Discord.Commands;

/// <summary>Fetches days from the Daily Papers API and ingests them (for /sync and the daily digest).</summary>
public sealed class PaperSync(DailyPapersClient client, Ingestor ingestor)
{
    public async Task<IReadOnlyList<DaySync>> SyncAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var results = new List<DaySync>();
        foreach (var day in days)
        {
            var period = DailyPapersPeriod.Day(day);
            var fetched = await client.FetchAsync(period, cancellationToken);
            var papers = fetched.Entries.Select(e => e.Paper).ToList();
            var outcome = papers.Count == 0 ? null : ingestor.IngestFetched($"hf-api:{period}", papers);
            results.Add(new DaySync(day, papers.Count, outcome?.Added ?? 0, outcome?.Updated ?? 0));
        }

        return results;
    }
}
