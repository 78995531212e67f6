using Microsoft.Extensions.Time.Testing;
using PaperBot.Rag.Tests.Answering;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>The watch services over a copy of the sample corpus index, with the clock at the start of its first API day (2026-03-10).</summary>
internal sealed class WatchHarness : IDisposable
{
    public static readonly DateOnly Day1 = new(2026, 3, 10);
    public static readonly DateOnly Day2 = new(2026, 3, 11);

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

    public Watch Add(string topic, WatchOwner? owner = null, string[]? must = null, string[]? exclude = null, string[]? authors = null, string[]? organizations = null) =>
        Watches.Add(new WatchRequest(owner ?? WatchOwner.Local, topic)
        {
            Must = must ?? [], Exclude = exclude ?? [], Authors = authors ?? [], Organizations = organizations ?? [],
        }, Time.GetUtcNow());

    public async Task<List<string>> CheckAsync(Watch watch, DateOnly day) =>
        [.. (await Run.CheckAsync(watch, day, CancellationToken.None)).Select(m => m.Paper.Id)];

    public void Dispose() => _answering.Dispose();
}
