using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Tests.Watches;

/// <summary>A watch against a real day of the sample corpus: the relevance decision of the answers, plus its people and word rules.</summary>
public sealed class WatchMatchingTests : IDisposable
{
    private readonly WatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_topic_in_plain_words_matches_the_papers_on_it_and_not_the_rest_of_the_day()
    {
        var watch = _h.Add("long video generation");

        var matched = await _h.CheckAsync(watch, WatchHarness.Day1);

        Assert.Contains("2603.08703", matched); // HiAR: Efficient Autoregressive Long Video Generation
        Assert.DoesNotContain("2603.00791", matched); // Autophoresis of a Janus particle near a planar wall
        Assert.DoesNotContain("2603.08655", matched); // OfficeQA Pro: an enterprise benchmark
    }

    [Fact]
    public async Task A_misspelled_topic_word_is_stored_as_the_papers_write_it_and_matches()
    {
        var watch = _h.Add("long video generaton");

        Assert.Equal("long video generation", watch.Topic);
        Assert.Equal("long video generation", Assert.Single(_h.Watches.List(WatchOwner.Local)).Topic);
        Assert.Contains("2603.08703", await _h.CheckAsync(watch, WatchHarness.Day1));
    }

    [Fact]
    public async Task A_topic_the_day_does_not_cover_matches_nothing()
    {
        var watch = _h.Add("protein folding structure prediction for enzymes");

        Assert.Empty(await _h.CheckAsync(watch, WatchHarness.Day1));
    }

    [Fact]
    public async Task An_author_or_an_organization_matches_their_papers_whatever_the_words_and_says_so()
    {
        var byAuthor = _h.Add("alignment", authors: ["Subramanyam Sahoo"]);
        var byOrganization = _h.Add("speculative decoding", organizations: ["qualcomm"]);

        var authorMatches = await _h.Run.CheckAsync(byAuthor, WatchHarness.Day2, CancellationToken.None);
        var organizationMatches = await _h.Run.CheckAsync(byOrganization, WatchHarness.Day1, CancellationToken.None);

        Assert.Equal(["2603.06333", "2603.09200"], authorMatches.Where(m => m.Reason.StartsWith("by ", StringComparison.Ordinal)).Select(m => m.Paper.Id).Order());
        Assert.All(authorMatches.Where(m => m.Reason.StartsWith("by ", StringComparison.Ordinal)), m => Assert.Equal("by Subramanyam Sahoo", m.Reason));
        var layerSkipping = Assert.Single(organizationMatches, m => m.Paper.Id == "2603.07475");
        Assert.Equal("from qualcomm", layerSkipping.Reason.ToLowerInvariant());
    }

    [Fact]
    public async Task Excluded_words_drop_a_match_and_must_words_keep_only_the_papers_that_have_them()
    {
        var plain = _h.Add("reinforcement learning agents");
        var noDiffusion = _h.Add("reinforcement learning agents", exclude: ["diffusion"]);
        var onlyGui = _h.Add("reinforcement learning agents", must: ["GUI"]);

        var all = await _h.CheckAsync(plain, WatchHarness.Day1);
        var withoutDiffusion = await _h.CheckAsync(noDiffusion, WatchHarness.Day1);
        var gui = await _h.CheckAsync(onlyGui, WatchHarness.Day1);

        Assert.NotEmpty(all);
        var store = _h.Store;
        Assert.All(withoutDiffusion, id => Assert.DoesNotContain("diffusion", (store.Get(id)!.Title + store.Get(id)!.Abstract).ToLowerInvariant(), StringComparison.Ordinal));
        Assert.All(gui, id => Assert.Contains("gui", (store.Get(id)!.Title + store.Get(id)!.Abstract).ToLowerInvariant(), StringComparison.Ordinal));
        Assert.True(gui.Count < all.Count, $"must GUI kept {gui.Count} of {all.Count}");
    }

    [Fact]
    public void A_topic_of_only_common_words_is_refused_with_a_reason()
    {
        var e = Assert.Throws<UserInputException>(() => _h.Add("the of and"));

        Assert.Contains("no words to look for", e.Message, StringComparison.Ordinal);
    }
}
