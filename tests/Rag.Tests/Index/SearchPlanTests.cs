using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Tests.Index;

public sealed class SearchPlanTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly PaperStore _store;

    public SearchPlanTests()
    {
        _store = new PaperStore(_temp.File("index.db"));
        var papers = Enumerable.Range(0, 24_000).Select(i => new Paper
        {
            Id = $"p{i}",
            ArxivId = $"p{i}",
            Title = $"Paper {i}",
            Abstract = (i % 2 == 0 ? "robots learn grasping " : "robots plan paths ") + (i % 1000 == 0 ? "origami " : "") + $"token{i}",
        }).ToList();
        _store.Ingest("synthetic", "sha", papers, DateTimeOffset.UnixEpoch);
        _store.RefreshStatistics();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Rare_words_are_matched_in_or_and_ranked_exactly()
    {
        var plan = Plan("origami token5000");

        Assert.Equal("\"token5000\" OR \"origami\"", plan.Primary);
        Assert.Null(plan.MinRowId);
    }

    [Fact]
    public void Words_in_more_than_half_of_the_papers_are_dropped_while_rarer_ones_remain()
    {
        var plan = Plan("robots grasping");

        Assert.DoesNotContain("robots", plan.Primary, StringComparison.Ordinal);
        Assert.Contains("grasping", plan.Primary, StringComparison.Ordinal);
    }

    [Fact]
    public void Frequent_words_are_anded_and_limited_to_the_newest_papers_so_the_work_stays_bounded()
    {
        var plan = Plan("grasping paths");

        Assert.Contains(" AND ", plan.Primary, StringComparison.Ordinal);
        Assert.NotNull(plan.MinRowId);
        Assert.True(24_000 - plan.MinRowId!.Value <= 24_000 * FtsSearch.AndScoredRowsBudget / 12_000 + 1);
    }

    [Fact]
    public void Search_still_returns_full_pages_for_bounded_plans()
    {
        Assert.Equal(10, _store.Search(new SearchRequest("grasping learn")).Count);
        Assert.Equal(3, _store.Search(new SearchRequest("origami", Top: 3)).Count);
    }

    private SearchPlan Plan(string query)
    {
        using var connection = _store.Open();
        return new FtsSearch(connection, new TermCache()).Plan(query)!;
    }
}
