using PaperBot.Rag.Answering.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Tests.Answering;

public sealed class RetrievalTests
{
    [Fact]
    public void Reciprocal_rank_fusion_rewards_items_high_in_both_rankings()
    {
        var fused = ReciprocalRankFusion.Fuse(60, [1, 2, 3], [3, 1, 4]);

        Assert.Equal([1L, 3, 2, 4], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused[0].Score, 12);
    }

    [Fact]
    public void Exact_cosine_search_ranks_by_similarity_within_the_day_range()
    {
        var day = new DateOnly(2025, 1, 1);
        float[] rows = [.. VectorMatrix.Normalize([1, 0]), .. VectorMatrix.Normalize([1, 1]), .. VectorMatrix.Normalize([0, 1])];
        var matrix = new VectorMatrix(2, [10, 20, 30], [[day], [day.AddDays(1)], [day]], rows);

        var all = matrix.Nearest(VectorMatrix.Normalize([1, 0.1f]), 3);
        var firstDay = matrix.Nearest(VectorMatrix.Normalize([1, 0.1f]), 3, day, day);

        Assert.Equal([10L, 20, 30], all.Select(n => n.Pid));
        Assert.Equal([10L, 30], firstDay.Select(n => n.Pid));
    }

    [Fact]
    public async Task With_an_embedding_model_abstracts_are_embedded_once_and_retrieval_is_hybrid()
    {
        var generator = new FakeEmbeddingGenerator();
        using var harness = new AnsweringHarness(embeddings: generator);
        var retriever = harness.Retriever;

        var first = await retriever.RetrieveAsync("normalizing flows for high-resolution image synthesis", null, null, CancellationToken.None);
        var embeddedFirst = generator.Embedded;
        var second = await retriever.RetrieveAsync("normalizing flows", null, null, CancellationToken.None);

        Assert.True(retriever.IsHybrid);
        Assert.Equal(791 + 1, embeddedFirst);
        Assert.Equal(embeddedFirst + 1, generator.Embedded);
        Assert.Contains(first.Papers.Take(3), p => p.Paper.Title.StartsWith("STARFlow", StringComparison.Ordinal));
        Assert.True(first.Ranked.Count(p => p.Similarity is not null) >= 10);
        Assert.True(first.Ranked.Count(p => p.KeywordScore is not null) >= 10);
        Assert.NotEmpty(second.Papers);
    }

    [Fact]
    public async Task New_papers_get_vectors_on_the_next_search()
    {
        var generator = new FakeEmbeddingGenerator();
        using var harness = new AnsweringHarness(seeded: false, embeddings: generator);
        harness.Add(AnsweringHarness.Paper("Quantum annealing for routing", "We route vehicles with quantum annealing."));
        await harness.Retriever.RetrieveAsync("quantum annealing", null, null, CancellationToken.None);

        harness.Add(AnsweringHarness.Paper("Annealing schedules", "Simulated annealing schedules for quantum hardware."));
        var result = await harness.Retriever.RetrieveAsync("quantum annealing", null, null, CancellationToken.None);

        Assert.Equal(2, result.Ranked.Count);
        Assert.Equal(2 + 2, generator.Embedded);
    }

    [Fact]
    public async Task Another_embedding_model_gets_vectors_of_its_own()
    {
        using var harness = new AnsweringHarness(seeded: false, embeddings: new FakeEmbeddingGenerator());
        harness.Add(AnsweringHarness.Paper("Quantum annealing for routing", "We route vehicles with quantum annealing."));
        await harness.Retriever.RetrieveAsync("quantum annealing", null, null, CancellationToken.None);
        var vectors = harness.Get<PaperVectorStore>();
        using var sameModel = new EmbeddingIndex(vectors, new FakeEmbeddingGenerator(), NullLogger<EmbeddingIndex>.Instance);
        using var otherModel = new EmbeddingIndex(vectors, new FakeEmbeddingGenerator("other-embed"), NullLogger<EmbeddingIndex>.Instance);

        Assert.Equal(0, await sameModel.EmbedMissingAsync(null, CancellationToken.None));
        Assert.Equal(1, await otherModel.EmbedMissingAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task The_query_prefix_goes_before_questions_and_not_before_abstracts()
    {
        var generator = new FakeEmbeddingGenerator();
        using var harness = new AnsweringHarness(
            seeded: false, embeddings: generator, settings: new Dictionary<string, string?> { ["Embeddings:QueryPrefix"] = "search_query: " });
        harness.Add(AnsweringHarness.Paper("Quantum annealing for routing", "We route vehicles with quantum annealing."));

        await harness.Retriever.RetrieveAsync("quantum annealing", null, null, CancellationToken.None);

        Assert.Equal(2, generator.Embedded);
        Assert.DoesNotContain("search_query:", generator.Texts[0], StringComparison.Ordinal);
        Assert.Equal("search_query: quantum annealing", generator.Texts[1]);
    }

    [Fact]
    public async Task A_topic_question_keeps_the_topic_search_order_when_retrieval_is_hybrid()
    {
        const string question = "Which papers study few-shot class-incremental learning?";
        using var keywordsOnly = new AnsweringHarness();
        using var hybrid = new AnsweringHarness(embeddings: new FakeEmbeddingGenerator());
        var plainQuestion = await hybrid.Retriever.RetrieveAsync("few-shot class-incremental learning", null, null, CancellationToken.None);

        var expected = await keywordsOnly.Retriever.RetrieveAsync(question, null, null, CancellationToken.None);
        var actual = await hybrid.Retriever.RetrieveAsync(question, null, null, CancellationToken.None);

        Assert.Equal(expected.Ranked.Select(p => p.Pid), actual.Ranked.Select(p => p.Pid));
        Assert.Contains(actual.Ranked, p => p.Similarity is not null);
        // The same words asked as a plain question are fused with the embedding ranking, which brings in other papers.
        Assert.Contains(plainQuestion.Ranked, p => p.KeywordScore is null);
    }

    [Theory]
    [InlineData("Retrieval:TopK", "0")]
    [InlineData("Retrieval:TopK", "40")]
    [InlineData("Retrieval:MinTermCoverage", "1.5")]
    public void Invalid_retrieval_options_are_rejected_with_the_key(string key, string value)
    {
        using var harness = new AnsweringHarness(seeded: false, settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => harness.Get<Microsoft.Extensions.Options.IOptions<RetrievalOptions>>().Value);

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }
}
