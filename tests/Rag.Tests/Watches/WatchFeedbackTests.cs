using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>👍/👎 on an alert move the watch's word weights (Rocchio), and what it then matches.</summary>
public sealed class WatchFeedbackTests : IDisposable
{
    private readonly WatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_liked_alert_pulls_the_watch_toward_its_papers_words_and_a_repeat_changes_nothing()
    {
        var watch = _h.Add("long video generation", WatchOwner.User(5));
        var alert = Assert.Single(await _h.Run.DecideAsync([WatchHarness.Day1], CancellationToken.None));
        var hiar = alert.Matches.Single(m => m.Paper.Id == "2603.08703");
        _h.Ledger.RecordPart(alert.Id, 0, "77", "5001", [hiar.Paper.Id]);

        var liked = _h.Feedback.Apply("5001", liked: true, _h.Ledger)!;
        var again = _h.Feedback.Apply("5001", liked: true, _h.Ledger)!;

        Assert.True(liked.Weights.Count > watch.Weights.Count, string.Join(", ", liked.Weights.Keys));
        Assert.Contains("autoregressive", liked.Weights.Keys); // HiAR's title word
        Assert.All(watch.Weights, w => Assert.True(liked.Weights[w.Key] > w.Value, w.Key));
        Assert.Equal(liked.Weights, again.Weights);
        Assert.Equal(liked.Weights, _h.Watches.Get(watch.Id)!.Weights);
    }

    [Fact]
    public async Task A_disliked_alert_pushes_the_watch_away_from_its_papers_words()
    {
        var watch = _h.Add("reinforcement learning agents", WatchOwner.User(5));
        var alert = Assert.Single(await _h.Run.DecideAsync([WatchHarness.Day1], CancellationToken.None));
        var first = alert.Matches[0];
        _h.Ledger.RecordPart(alert.Id, 0, "77", "5002", [first.Paper.Id]);

        var disliked = _h.Feedback.Apply("5002", liked: false, _h.Ledger)!;

        Assert.Equal(watch.Weights.Keys.Order(), disliked.Weights.Keys.Order());
        Assert.True(disliked.Weights.Values.Sum() < watch.Weights.Values.Sum());
    }

    [Fact]
    public void A_reaction_on_a_message_that_is_no_alert_changes_nothing()
    {
        Assert.Null(_h.Feedback.Apply("123", liked: true, _h.Ledger));
    }
}
