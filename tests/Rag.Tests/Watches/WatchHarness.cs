using Microsoft.Extensions.Time.Testing;
using PaperBot.Rag.Tests.Answering;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>
/// The watch services over a copy of the sample corpus index (its first API days are 2026-03-10 and 2026-03-11), and a
/// real day that is not in it (2025-09-30) for a sync to add after watches were created.
/// </summary>
internal sealed class WatchHarness : IDisposable
{
    public static readonly DateOnly Day1 = new(2026, 3, 10);
    public static readonly DateOnly Day2 = new(2026, 3, 11);
    public static readonly DateOnly NewDay = new(2025, 9, 30);

    private readonly AnsweringHarness _answering;

    public WatchHarness()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(Day1.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        _answering = new AnsweringHarness(time: Time);
    }

    public FakeTimeProvider Time { get; }

    public WatchStore Watches => _answering.Get<WatchStore>();

    public WatchLedger Ledger => _answering.Get<WatchLedger>();

    public WatchRun Run => _answering.Get<WatchRun>();

    public WatchFeedback Feedback => _answering.Get<WatchFeedback>();

    public PaperBot.Rag.Index.PaperStore Store => _answering.Store;

    public T Get<T>()
        where T : notnull => _answering.Get<T>();

    /// <summary>Ingests the real listing of <see cref="NewDay"/>, as a sync would.</summary>
    public void IngestNewDay() =>
        _answering.Get<PaperBot.Rag.Ingestion.Ingestor>().IngestFiles([TestPaths.HfArchive("2025-09-30.json")], null);

    public Watch Add(string topic, WatchOwner? owner = null, string[]? must = null, string[]? exclude = null, string[]? authors = null, string[]? organizations = null) =>
        Watches.Add(new WatchRequest(owner ?? WatchOwner.Local, topic)
        {
            Must = must ?? [], Exclude = exclude ?? [], Authors = authors ?? [], Organizations = organizations ?? [],
        }, Time.GetUtcNow());

    public async Task<List<string>> CheckAsync(Watch watch, DateOnly day) =>
        [.. (await Run.CheckAsync(watch, day, CancellationToken.None)).Select(m => m.Paper.Id)];

    public void Dispose() => _answering.Dispose();
}
