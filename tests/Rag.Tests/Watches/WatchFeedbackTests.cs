using PaperBot.Rag.Index;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>👍/👎 on an alert move the watch's word weights (Rocchio) from its topic's.</summary>
public sealed class WatchFeedbackTests : IDisposable
{
    private readonly WatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_liked_alert_pulls_the_watch_toward_its_papers_words_and_a_repeat_changes_nothing()
    {
        var watch = _h.Add("long video generation", WatchOwner.User(5));
        _h.IngestNewDay();
        var alert = Assert.Single(await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None));
        var rolling = alert.Matches.Single(m => m.Paper.Id == "2509.25161");
        _h.Ledger.RecordPart(alert.Id, 0, "77", "5001", [rolling.Paper.Id]);
        var topic = WatchTerms.Current(_h.Get<PaperLookup>(), watch);

        var liked = _h.Feedback.Apply("5001", liked: true, _h.Ledger)!.Tuned!;
        var again = _h.Feedback.Apply("5001", liked: true, _h.Ledger)!.Tuned!;

        Assert.True(liked.Count > topic.Count, string.Join(", ", liked.Keys));
        Assert.Contains("forcing", liked.Keys); // Rolling Forcing's title word
        Assert.All(topic, w => Assert.True(liked[w.Key] > w.Value, w.Key));
        Assert.Equal(liked, again);
        Assert.Equal(liked, _h.Watches.Get(watch.Id)!.Tuned);
    }

    [Fact]
    public async Task A_disliked_alert_pushes_the_watch_away_from_its_papers_words()
    {
        var watch = _h.Add("diffusion language models", WatchOwner.User(5));
        _h.IngestNewDay();
        var alert = Assert.Single(await _h.Run.DecideAsync([WatchHarness.NewDay], CancellationToken.None));
        _h.Ledger.RecordPart(alert.Id, 0, "77", "5002", [alert.Matches[0].Paper.Id]);
        var topic = WatchTerms.Current(_h.Get<PaperLookup>(), watch);

        var disliked = _h.Feedback.Apply("5002", liked: false, _h.Ledger)!.Tuned!;

        Assert.Equal(topic.Keys.Order(), disliked.Keys.Order());
        Assert.True(disliked.Values.Sum() < topic.Values.Sum());
    }

    [Fact]
    public void A_reaction_on_a_message_that_is_no_alert_changes_nothing()
    {
        Assert.Null(_h.Feedback.Apply("123", liked: true, _h.Ledger));
    }
}
