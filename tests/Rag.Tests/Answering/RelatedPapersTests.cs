using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>Related papers over the sample corpus's real March 2026 days: by keywords, and by abstract embeddings when a model is registered.</summary>
public sealed class RelatedPapersTests
{
    /// <summary>"Streaming Autoregressive Video Generation via Diagonal Distillation" (2026-03-11).</summary>
    private const string StreamingVideo = "2603.09488";

    /// <summary>"HiAR: Efficient Autoregressive Long Video Generation via Hierarchical Denoising" (2026-03-10): the same topic.</summary>
    private const string LongVideo = "2603.08703";

    [Fact]
    public async Task Without_embeddings_a_more_like_this_query_finds_the_same_topic_and_says_what_is_shared()
    {
        using var harness = new AnsweringHarness();
        var related = harness.Get<RelatedPapers>();

        var result = await related.FindAsync(StreamingVideo, top: 5);

        Assert.False(result.ByEmbeddings);
        Assert.Equal(StreamingVideo, result.Paper.Id);
        Assert.Equal(5, result.Related.Count);
        Assert.DoesNotContain(result.Related, r => r.Paper.Id == StreamingVideo);
        Assert.Contains(LongVideo, result.Related.Select(r => r.Paper.Id));
        Assert.All(result.Related, r => Assert.NotEmpty(r.Shared));
        Assert.All(result.Related, r => Assert.NotNull(r.Paper.Day));
        Assert.Contains("video", result.Related.Single(r => r.Paper.Id == LongVideo).Reason, StringComparison.Ordinal);
        Assert.Equal(result.Related.OrderByDescending(r => r.Score).Select(r => r.Paper.Id), result.Related.Select(r => r.Paper.Id));
    }

    [Fact]
    public async Task With_embeddings_the_nearest_abstracts_come_first_with_their_similarity()
    {
        var embeddings = new FakeEmbeddingGenerator();
        using var harness = new AnsweringHarness(embeddings: embeddings);
        var related = harness.Get<RelatedPapers>();

        var result = await related.FindAsync(StreamingVideo, top: 10);

        Assert.True(result.ByEmbeddings);
        Assert.True(embeddings.Embedded > 0);
        Assert.Equal(10, result.Related.Count);
        Assert.DoesNotContain(result.Related, r => r.Paper.Id == StreamingVideo);
        Assert.Contains(LongVideo, result.Related.Select(r => r.Paper.Id));
        Assert.All(result.Related, r => Assert.InRange(r.Similarity!.Value, -1f, 1f));
        Assert.Equal(result.Related.OrderByDescending(r => r.Similarity).Select(r => r.Similarity), result.Related.Select(r => r.Similarity));
        Assert.StartsWith("similarity 0.", result.Related[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_papers_other_versions_are_left_out_and_the_days_restrict_the_results(bool withEmbeddings)
    {
        using var harness = new AnsweringHarness(embeddings: withEmbeddings ? new FakeEmbeddingGenerator() : null);
        var source = harness.Store.Get(StreamingVideo)!;
        // The same work stored again under a versioned arXiv id and a retitled copy of its record: both are the paper itself.
        harness.Add(
            source with { Id = StreamingVideo + "v2", ArxivId = StreamingVideo + "v2", Title = source.Title + " (v2)", FeaturedOn = new DateOnly(2026, 3, 12), Days = [] },
            source with { Id = "2699.00001", ArxivId = "2699.00001", Title = source.Title.ToUpperInvariant() + "!", FeaturedOn = new DateOnly(2026, 3, 12), Days = [] });
        harness.Store.RefreshStatistics();
        var related = harness.Get<RelatedPapers>();

        var all = await related.FindAsync(StreamingVideo, top: 10);
        var march16On = await related.FindAsync("arXiv:" + StreamingVideo, top: 10, from: new DateOnly(2026, 3, 16), to: new DateOnly(2026, 3, 23));

        Assert.DoesNotContain(all.Related, r => r.Paper.Id.StartsWith(StreamingVideo, StringComparison.Ordinal) || r.Paper.Id == "2699.00001");
        Assert.Equal(10, march16On.Related.Count);
        Assert.All(march16On.Related, r => Assert.Contains(r.Paper.Days, d => d >= new DateOnly(2026, 3, 16) && d <= new DateOnly(2026, 3, 23)));
    }

    [Fact]
    public async Task An_unknown_id_is_a_user_error_naming_it()
    {
        using var harness = new AnsweringHarness();

        var error = await Assert.ThrowsAsync<UserInputException>(() => harness.Get<RelatedPapers>().FindAsync("2699.99999"));

        Assert.Equal("no paper with id '2699.99999' in the index; find ids with search", error.Message);
    }

    [Fact]
    public void Versions_are_recognised_by_arxiv_id_or_title()
    {
        var paper = AnsweringHarness.Paper("Diagonal Distillation", "x", arxivId: "2603.09488");

        Assert.True(RelatedPapers.SameWork(paper, paper with { Id = "2603.09488v3", ArxivId = "2603.09488v3", Title = "Other" }));
        Assert.True(RelatedPapers.SameWork(paper, paper with { Id = "t-1", ArxivId = null, Title = "diagonal  distillation!" }));
        Assert.False(RelatedPapers.SameWork(paper, paper with { Id = "2603.09489", ArxivId = "2603.09489", Title = "Other" }));
    }
}
