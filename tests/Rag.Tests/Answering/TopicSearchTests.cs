using System.Text.RegularExpressions;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// Topic questions over the sample corpus: the phrases of the question and the words its best papers share find
/// papers that plain bm25 over the question's words ranks below the tenth place.
/// </summary>
public sealed class TopicSearchTests : IDisposable
{
    private readonly AnsweringHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    // "in-context learning" as a phrase outweighs the rare everyday word "choose" (a paper on choosing loss functions).
    [InlineData("How do people choose the demonstrations given to a model for in-context learning?",
        "Unified Demonstration Retriever for In-Context Learning|Skill-Based Few-Shot Selection for In-Context Learning")]
    // None of the three says "RLHF": they are found through the words the best reward-model papers share.
    [InlineData("Which papers train, evaluate or improve reward models for RLHF?",
        "Aligning LLMs with Domain Invariant Reward Models|GenARM: Reward Guided Generation with Autoregressive Reward Model for Test-time Alignment|HAF-RM: A Hybrid Alignment Framework for Reward Model Training")]
    public async Task A_topic_question_finds_papers_that_plain_bm25_ranks_below_the_top_ten(string question, string expected)
    {
        var titles = expected.Split('|');
        var words = TextTerms.Words(question).Where(TextTerms.IsContentWord);
        var plain = _harness.Store.Search(new SearchRequest(string.Join(' ', words), 10)).Select(h => h.Paper.Title).ToList();

        var result = await _harness.Retriever.RetrieveAsync(question, null, null, CancellationToken.None);
        var topTen = result.Ranked.Take(10).Select(p => p.Paper.Title).ToList();

        Assert.Empty(titles.Intersect(plain));
        Assert.All(titles, t => Assert.Contains(t, topTen));
        Assert.True(result.FoundRelevant);
    }

    [Fact]
    public async Task A_topic_question_the_index_does_not_cover_stays_declined_whatever_its_expansion_finds()
        => await _harness.AssertDeclinedAsync("Which papers use reinforcement learning to fill in tax returns?");

    [Theory]
    [InlineData("Which papers study few-shot class-incremental learning?", true)]
    [InlineData("What work is there on machine unlearning?", true)]
    [InlineData("What has been done on generating CAD models?", true)]
    [InlineData("How do people choose demonstrations for in-context learning?", true)]
    [InlineData("Are there any papers on federated learning?", true)]
    [InlineData("anything on generating or editing SVG with models?", true)]
    [InlineData("any work on humor in memes", true)]
    [InlineData("do vision-language models get jokes? any work on humor or memes", true)]
    [InlineData("papers on transcribing multi-speaker recordings?", true)]
    [InlineData("agents that play minecraft - what's out there?", true)]
    [InlineData("We're building an assistant for Arabic documents. What exists on Arabic vision-language models?", true)]
    [InlineData("any paper that learns to predict code coverage without executing the program", false)]
    [InlineData("anyone know what GPT-5 scored on SWE-Bench Pro", false)]
    [InlineData("Which paper introduces the POINTS vision-language model?", false)]
    [InlineData("How many parameters does the POINTS vision-language model have?", false)]
    [InlineData("How does STARFlow make normalizing flows scale?", false)]
    [InlineData("Is there a benchmark for reading tree rings?", false)]
    public void A_question_asks_for_papers_when_it_asks_which_papers_or_what_work(string question, bool asksForPapers)
    {
        Assert.Equal(asksForPapers, QuestionIntent.AsksForPapers(question));
    }

    [Fact]
    public void A_weighted_phrase_counts_its_weight_times_and_matches_only_words_in_sequence()
    {
        var once = _harness.Store.SearchWeighted([new WeightedPhrase(["unlearning"], 1)], 5);
        var twice = _harness.Store.SearchWeighted([new WeightedPhrase(["unlearning"], 2)], 5);
        var phrase = _harness.Store.SearchWeighted([new WeightedPhrase(["context", "learning"], 1)], 50);

        Assert.Equal(5, once.Count);
        Assert.Equal(once.Select(h => h.Pid), twice.Select(h => h.Pid));
        Assert.All(once.Zip(twice), p => Assert.Equal(2 * p.First.Score, p.Second.Score, 9));
        Assert.True(phrase.Count >= 10);
        Assert.All(phrase, h => Assert.Matches(new Regex(@"(?i)context\W+learning"), h.Paper.Title + " " + h.Paper.Abstract));
    }
}
