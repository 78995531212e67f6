using PaperBot.Rag.Answering;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>With a model, the one result carries what every front end shows: usage, the sources to show, a decline.</summary>
public sealed class ModelAnswerResultTests
{
    private const string Question = "Which papers study few-shot class-incremental learning?";

    [Fact]
    public async Task The_result_carries_the_models_token_counts_speed_and_time_to_first_token()
    {
        var chat = new ScriptedChatClient(_ => "Mamba-FSCIL adapts a selective state space model [1].") { Usage = (812, 14, 42.5) };
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(Question));

        Assert.Equal(812, result.Usage.PromptTokens);
        Assert.Equal(14, result.Usage.AnswerTokens);
        Assert.Equal(42.5, result.Usage.TokensPerSecond);
        Assert.NotNull(result.Usage.TimeToFirstToken);
        Assert.InRange(result.Usage.TimeToFirstToken!.Value, TimeSpan.Zero, result.Timings.Total);
    }

    [Fact]
    public async Task Sources_are_the_cited_ones_renumbered_in_the_order_the_model_cites_them()
    {
        var chat = new ScriptedChatClient(_ => "One paper [3] and another [1]; again [3].");
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(Question));

        Assert.Equal("One paper [1] and another [2]; again [1].", result.Answer);
        Assert.Equal([1, 2], result.Sources.Select(s => s.Number));
        Assert.Equal(result.Sources.Select(s => s.Title), result.Citations.Select(c => c.Title));
        Assert.Contains("Sources:\n[1] ", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[3]", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_says_the_sources_do_not_cover_the_question_declines_and_shows_no_sources()
    {
        var chat = new ScriptedChatClient(_ => "The indexed papers do not cover this question.");
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest(Question));

        Assert.True(result.Declined);
        Assert.True(result.FoundRelevant);
        Assert.Empty(result.Sources);
        Assert.Equal("", result.SourcesText);
        Assert.Null(result.Usage.PromptTokens);
    }
}
