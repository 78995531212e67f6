using PaperBot.Rag.Index;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>The delivery ledger: each paper reaches a watch at most once, whatever syncs run and however often.</summary>
public sealed class WatchLedgerTests : IDisposable
{
    private readonly WatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_sync_alerts_on_the_new_papers_and_syncing_the_same_day_again_decides_nothing_new()
    {
        var watch = _h.Add("long video generation");
        _h.IngestNewDay();

        var first = await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None);
        var second = await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None);

        var alert = Assert.Single(first);
        Assert.Equal(watch.Id, alert.Watch.Id);
        Assert.Contains(alert.Matches, m => m.Paper.Id == "2509.25161"); // Rolling Forcing: Autoregressive Long Video Diffusion in Real Time
        Assert.DoesNotContain(alert.Matches, m => m.Paper.Id == "2509.25149"); // Pretraining Large Language Models with NVFP4
        Assert.Empty(second);
        Assert.Equal(alert.Matches.Count, _h.Ledger.DeliveredCount(watch.Id));
    }

    [Fact]
    public async Task Papers_in_the_index_before_the_watch_was_created_are_not_alerted()
    {
        _h.Add("long video generation");

        Assert.NotEmpty(await _h.Run.CheckAsync(_h.Watches.List(WatchOwner.Local)[0], WatchHarness.Day1, CancellationToken.None));
        Assert.Empty(await _h.Run.DecideAsync([WatchHarness.Day1], CancellationToken.None));
    }

    [Fact]
    public async Task Two_processes_deciding_the_same_day_at_once_deliver_each_paper_once()
    {
        var watch = _h.Add("diffusion language models");
        _h.IngestNewDay();
        var other = new WatchLedger(new PaperStore(_h.Store.DatabasePath), _h.Get<PaperLookup>());
        var matches = await _h.Run.CheckAsync(watch, WatchHarness.NewDay, CancellationToken.None);
        Assert.True(matches.Count >= 2, $"{matches.Count} matches");

        var decided = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _h.Ledger : other).Decide([(watch, matches)], DateTimeOffset.UnixEpoch))));

        var delivered = decided.SelectMany(d => d).SelectMany(a => a.Matches).Select(m => m.Pid).ToList();
        Assert.Equal(matches.Select(m => m.Pid).Order(), delivered.Order());
    }

    [Fact]
    public async Task A_discord_alert_stays_pending_with_its_acknowledged_parts_until_complete()
    {
        var watch = _h.Add("long video generation", WatchOwner.Channel(42, 7));
        var local = _h.Add("long video generation");
        _h.IngestNewDay();

        var alerts = await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None);
        var discord = Assert.Single(alerts, a => a.Watch.Id == watch.Id);
        Assert.Contains(alerts, a => a.Watch.Id == local.Id);
        _h.Ledger.RecordPart(discord.Id, 0, "42", "9001", [discord.Matches[0].Paper.Id]);

        var pending = Assert.Single(_h.Ledger.Pending());
        Assert.Equal((discord.Id, discord.Nonce), (pending.Id, pending.Nonce));
        Assert.Equal([0], pending.SentParts);
        Assert.Equal(discord.Matches.Select(m => m.Paper.Id), pending.Matches.Select(m => m.Paper.Id));
        Assert.Equal((watch.Id, (IReadOnlyList<string>)[discord.Matches[0].Paper.Id]), _h.Ledger.ByMessage("9001"));

        _h.Ledger.Complete(discord.Id, DateTimeOffset.UnixEpoch);
        Assert.Empty(_h.Ledger.Pending());
    }

    [Fact]
    public async Task A_muted_watch_is_not_matched_and_a_removed_one_leaves_no_history()
    {
        var watch = _h.Add("long video generation");
        _h.IngestNewDay();
        _h.Watches.SetMuted(watch.Id, true);

        Assert.Empty(await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None));

        _h.Watches.SetMuted(watch.Id, false);
        Assert.NotEmpty(await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None));
        Assert.True(_h.Watches.Remove(watch.Id));
        Assert.Equal(0, _h.Ledger.DeliveredCount(watch.Id));
        Assert.Null(_h.Watches.Get(watch.Id));
    }
}
