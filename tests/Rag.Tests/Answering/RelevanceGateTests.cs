using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

public sealed class RelevanceGateTests
{
    private static readonly RetrievalOptions Options = new();

    [Theory]
    [InlineData("How many parameters does GPT-9 have?", "GPT-9")]
    [InlineData("What does the Skywork model for cooking recipes do?", "Skywork")]
    [InlineData("How many MLLMs were tested on ProactiveBench?", "MLLMs|ProactiveBench")]
    [InlineData("Has anyone used LLM-invented games to measure reasoning?", "LLM")]
    [InlineData("Which papers were featured on Daily Papers that day?", "")]
    [InlineData("How do diffusion models compose music?", "")]
    [InlineData("What context length do the Qwen2.5-1M models support?", "Qwen2.5-1M")]
    public void A_question_names_what_has_a_digit_an_inner_capital_or_a_capital_mid_sentence(string question, string names)
    {
        Assert.Equal(names.Split('|', StringSplitOptions.RemoveEmptyEntries), QuestionNames.Of(question));
    }

    [Fact]
    public void A_paper_that_never_mentions_the_named_thing_does_not_answer_however_many_words_it_shares()
    {
        var ranked = new[] { Candidate("Scaling GPT models to 9 trillion parameters", "We count the parameters of GPT-3 and GPT-4.", 20, 1.0) };

        Assert.Empty(new RelevanceGate(Options).Select("How many parameters does GPT-9 have?", ranked, dayRange: false));
        Assert.Single(new RelevanceGate(Options).Select("How many parameters does GPT-4 have?", ranked, dayRange: false));
    }

    [Fact]
    public void A_clear_keyword_winner_passes_with_less_coverage_than_a_close_race()
    {
        var winner = Candidate("Zero-shot image editing with reference imitation", "Users edit a region by drawing on a reference.", 27, 0.45);
        var runnerUp = Candidate("Image signal processing", "A modular pipeline.", 15, 0.38);
        var closeRunnerUp = Candidate("Image signal processing", "A modular pipeline.", 25, 0.38);

        Assert.Equal([winner], new RelevanceGate(Options).Select("Is there a way to edit a photo by pointing at a reference?", [winner, runnerUp], dayRange: false));
        Assert.Empty(new RelevanceGate(Options).Select("Is there a way to edit a photo by pointing at a reference?", [winner, closeRunnerUp], dayRange: false));
    }

    [Fact]
    public void Nothing_shared_enough_means_not_covered()
    {
        var ranked = new[] { Candidate("Hard mining for place recognition", "Mining hard negatives.", 8, 0.16), Candidate("Bitext mining", "Mining sentences.", 7.7, 0.16) };

        Assert.Empty(new RelevanceGate(Options).Select("Which paper measures the carbon footprint of bitcoin mining?", ranked, dayRange: false));
    }

    [Fact]
    public void A_day_question_keeps_every_matching_paper_past_the_top_k()
    {
        var ranked = Enumerable.Range(1, 10).Select(i => Candidate($"Benchmark {i}", "A new benchmark.", 10 - (i * 0.1), 1.0))
            .Append(Candidate("Other", "Unrelated.", 1, 0.0)).ToList();

        Assert.Equal(10, new RelevanceGate(Options).Select("Which benchmarks were featured that day?", ranked, dayRange: true).Count);
        Assert.Equal(Options.TopK, new RelevanceGate(Options).Select("Which benchmarks were featured?", ranked, dayRange: false).Count);
    }

    private static RetrievedPaper Candidate(string title, string abstractText, double keywordScore, double coverage) =>
        new(title.GetHashCode(StringComparison.Ordinal), new Paper { Id = title, Title = title, Abstract = abstractText }, keywordScore, keywordScore, null, coverage);
}
