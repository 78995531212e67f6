using System.Text;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// The relevance decision over the sample corpus: the fitted model shipped in the assembly, its three outcomes and
/// how each reads, and the evidence it weighs.
/// </summary>
public sealed class RelevanceDecisionTests
{
    [Fact]
    public void The_shipped_model_weighs_exactly_the_evidence_retrieval_computes_with_its_thresholds_in_order()
    {
        var model = RelevanceModel.Default;

        Assert.Equal(RelevanceEvidence.Names, model.Features);
        Assert.Equal(RelevanceEvidence.None.Vector().Length, model.Weights.Count);
        Assert.InRange(model.ClosestAt, 0.01, model.AnswerAt);
        Assert.InRange(model.AnswerAt, model.ClosestAt, 0.99);
        // More of the question's words in the paper never lowers the probability.
        var weak = RelevanceEvidence.None with { Coverage = 0.3, FoundCoverage = 0.3, Matched = 0.5, Unfound = 0, Absent = 0 };
        Assert.True(model.Probability(weak with { Coverage = 0.9, FoundCoverage = 0.9, Matched = 1.5 }) > model.Probability(weak));
    }

    [Fact]
    public void A_model_file_whose_features_differ_from_the_evidence_is_refused()
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("""{"features": ["coverage"], "weights": [1], "intercept": 0, "answer_at": 0.5, "closest_at": 0.3}"""));

        var error = Assert.Throws<InvalidDataException>(() => RelevanceModel.Parse(json));
        Assert.Contains("coverage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How many multiple choice questions does SEED-Bench have?")]
    [InlineData("How many multiple choice questions does SEED-Bench have? I want to evaluate Llama on it")]
    [InlineData("How many multiple choice questions does SEED-Bench have for testing our PyTorch models?")]
    public async Task A_clear_match_is_answered_even_when_the_question_names_things_the_abstract_does_not(string question)
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest(question) { NoModel = true });

        Assert.Equal(RelevanceOutcome.Answered, result.Outcome);
        Assert.StartsWith("SEED-Bench", result.Sources[0].Title, StringComparison.Ordinal);
        Assert.Contains("19K multiple choice questions", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_near_miss_shows_the_closest_papers_under_a_plain_hedge()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("What speedup does speculative decoding give on pocket calculators?") { NoModel = true });

        Assert.Equal(RelevanceOutcome.Closest, result.Outcome);
        Assert.False(result.Declined);
        Assert.Contains(Answerer.ClosestHeader, result.Answer, StringComparison.Ordinal);
        Assert.InRange(result.Sources.Count, 1, 5);
        Assert.Contains("Speculative", result.Sources[0].Title, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_model_mode_the_closest_papers_reach_the_model_and_the_answer_carries_the_hedge()
    {
        var chat = new ScriptedChatClient(_ => "The closest paper speeds up decoding on GPUs, not calculators [1].");
        using var harness = new AnsweringHarness(chat: chat);

        var result = await harness.Answerer.AskAsync(new AnswerRequest("What speedup does speculative decoding give on pocket calculators?"));

        Assert.Equal(1, chat.Calls);
        Assert.Equal(RelevanceOutcome.Closest, result.Outcome);
        Assert.StartsWith(Answerer.ClosestModelHedge, result.Answer, StringComparison.Ordinal);
        Assert.Single(result.Citations);
    }

    [Theory]
    [InlineData("What is a good vegan lasagna recipe?")]
    [InlineData("Which benchmark tests vision-language models on reading tree rings to date wood?")]
    public async Task Nothing_related_is_declined(string question)
    {
        using var harness = new AnsweringHarness();

        await harness.AssertDeclinedAsync(question);
        Assert.Equal(RelevanceOutcome.Declined, (await harness.Answerer.AskAsync(new AnswerRequest(question) { NoModel = true })).Outcome);
    }

    [Fact]
    public void A_paper_sharing_rare_words_of_the_field_is_related_unless_the_question_names_what_nobody_wrote_about()
    {
        // The question the model doubts ("what actually makes GRPO work vs plain rejection sampling?") shares GRPO,
        // rejection and sampling with its paper; an off-topic one shares one everyday word at most.
        var doubted = RelevanceEvidence.None with { Coverage = 0.37, FoundCoverage = 0.45, Unfound = 0.16, Absent = 0, Matched = 0.99 };

        Assert.Equal(RelevanceOutcome.Declined, RelevanceModel.Default.Decide(RelevanceModel.Default.Probability(doubted)));
        Assert.True(doubted.Related);
        Assert.False((doubted with { Matched = 0.46 }).Related);
        Assert.False((doubted with { UnknownNames = 0.5 }).Related);
        Assert.True((doubted with { Matched = 0, Coverage = 0.6, Unfound = 0 }).Related); // a clear match
    }

    [Fact]
    public async Task A_word_no_paper_contains_weighs_nothing_but_counts_as_absent()
    {
        using var harness = new AnsweringHarness();

        var typo = await harness.Retriever.RetrieveAsync("How many multiple choice questions does SEED-Bench have? qwxzvbn", null, null, CancellationToken.None);

        Assert.Equal(0, typo.TermWeights["qwxzvbn"]);
        Assert.Equal(1.0 / typo.TermWeights.Count, typo.Evidence!.Absent, 6);
        Assert.Equal(1.0, typo.Evidence.Coverage, 6);
    }
}
