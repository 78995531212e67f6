using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Citations;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>The extractive answer quotes the sentence that answers the question's type, and numbers its sources 1..n.</summary>
public sealed class AnswerSentenceTests
{
    private const string Abstract =
        "We study whether large language models fake alignment. First, we give Claude 3 Opus a system prompt stating it is being trained to answer harmful queries. " +
        "We find the model complies with harmful queries from free users 14% of the time, versus almost never for paid users. " +
        "Our analysis attributes this gap to the model reasoning about its training. We propose a projection module that maps the new model's embeddings to the old ones.";

    [Theory]
    [InlineData("How often did Claude 3 Opus comply with harmful requests from free-tier users?", "14% of the time")]
    [InlineData("Why does the model behave differently for paid users?", "attributes this gap")]
    [InlineData("How does the method keep the new model's embeddings compatible with the old ones?", "projection module")]
    public void The_sentence_of_the_asked_shape_is_quoted(string question, string expected)
    {
        var answer = AnswerFromOne("Alignment faking in large language models", Abstract, question);

        Assert.Contains(expected, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("We study whether", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_described_question_gets_the_sentence_after_its_best_match_and_the_contribution()
    {
        const string text =
            "Retrieval systems usually extract plain text from the HTML of web pages before giving it to the model. " +
            "This loses the structure of tables and headings. " +
            "Other work compresses retrieved documents. " +
            "We propose HtmlRAG, which keeps HTML and prunes it with a block tree. " +
            "Experiments on six QA datasets show gains.";
        const string question = "Is there retrieval that gives the model the HTML of web pages instead of extracted plain text?";

        var answer = AnswerFromOne("HtmlRAG", text, question);

        Assert.Contains("extract plain text from the HTML of web pages before giving it to the model. This loses the structure", answer, StringComparison.Ordinal);
        Assert.Contains("We propose HtmlRAG", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Other work compresses", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sentence_after_the_contribution_says_how_it_works_and_comes_along()
    {
        const string text =
            "Large reconstruction models are trained on synthetic 3D assets instead of real single-view photos. " +
            "Such assets do not represent the shapes of objects. " +
            "Other work renders more of them. " +
            "We propose Real3D, a reconstruction model. " +
            "It bootstraps pseudo-labels from its own predictions. " +
            "Experiments show better geometry than prior methods.";
        const string question = "any work training a large reconstruction model on real single-view photos instead of synthetic 3D assets?";

        var answer = AnswerFromOne("Real3D", text, question);

        Assert.Contains("We propose Real3D, a reconstruction model. It bootstraps pseudo-labels from its own predictions. [1]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Other work renders", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Experiments show", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rankings_best_paper_leads_even_when_another_papers_sentence_shares_more_words()
    {
        // The second paper restates the question's words in one sentence; the first (ranked best on its whole
        // abstract) spreads them over several: the first must be quoted, and the second may follow it.
        var lead = new RetrievedPaper(1, new Paper
        {
            Id = "a", Title = "LogQuant",
            Abstract = "We quantize the KV cache to 2 bits. Tokens kept at full precision are spread in a log distribution over the context. " +
                "In benchmark tests, it enhances throughput by 25% without increasing memory.",
        }, 10, 10, null, 1);
        var other = new RetrievedPaper(2, new Paper
        {
            Id = "b", Title = "ShadowKV",
            Abstract = "Serving long-context models is memory-bound because the KV cache grows with the context, which lowers throughput. We offload values.",
        }, 8, 8, null, 2);
        const string question = "for memory-bound serving of long contexts, a low-bit KV cache that keeps tokens spread over the context?";
        var weights = TextTerms.Stems(question).ToDictionary(s => s, _ => 1.0);

        var answer = ExtractiveAnswerer.Answer(question, [lead, other], weights);

        Assert.Contains("are spread in a log distribution over the context.", answer, StringComparison.Ordinal);
        Assert.True(answer.IndexOf("[1]", StringComparison.Ordinal) < answer.IndexOf("[2]", StringComparison.Ordinal) || !answer.Contains("[2]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("do VLM agents do better on NetHack when given images of the environment instead of text?", "perform worse when images")]
    [InlineData("what actually makes agents on NetHack work with images of the environment?", "perform worse when images")]
    public void A_yes_no_or_what_turned_out_question_gets_the_finding(string question, string expected)
    {
        const string text =
            "We benchmark agents on games from easy tasks to NetHack. " +
            "Tasks range from seconds to years of play. " +
            "Notably, we observe that models perform worse when images of the environment are provided.";
        var paper = new RetrievedPaper(1, new Paper { Id = "p", Title = "BALROG", Abstract = text }, 10, 10, null, 1);
        var weights = TextTerms.Stems(question).ToDictionary(s => s, _ => 1.0);

        var intent = QuestionIntent.Of(question);
        var answer = ExtractiveAnswerer.List("Closest:", question, [paper], weights);

        Assert.True(intent.Finding);
        Assert.False(QuestionIntent.Of("is there a benchmark of VLM agents on NetHack?").Finding);
        Assert.Contains(expected, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("that app-store platform for computer-use agents, what did it hit on OSWorld")]
    [InlineData("what throughput gain does the 2-bit KV cache give?")]
    public void A_score_or_gain_asked_in_other_words_is_a_quantity(string question)
    {
        var intent = QuestionIntent.Of(question);

        Assert.True(intent.Quantity);
        Assert.True(intent.Preference("It reaches 23.85% on the benchmark.", new HashSet<string>()) >= 3);
    }

    [Fact]
    public void A_digit_inside_a_name_or_repeated_from_the_question_is_not_the_quantity_asked_for()
    {
        var intent = QuestionIntent.Of("How many parameters does Claude 3 have?");

        Assert.True(intent.Quantity);
        Assert.Equal("paramet", intent.AskedNoun);
        Assert.Equal(1.0, intent.Preference("We evaluate Claude 3 and GPT-4 on the task.", new HashSet<string>()));
        Assert.True(intent.Preference("The model has 175B parameters.", new HashSet<string> { "paramet" }) > 3);
    }

    [Fact]
    public void Sources_are_renumbered_in_the_order_the_answer_first_cites_them()
    {
        Assert.Equal("First [1]. Both [2, 1]. Again [2].", SourceNumbering.Renumber("First [3]. Both [5, 3]. Again [5].", [3, 5]));
    }

    [Fact]
    public async Task An_extractive_answer_shows_only_the_papers_it_quotes_numbered_from_one()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("How many image-text pairs does the LAION-5B dataset contain?"));

        Assert.Equal(Enumerable.Range(1, result.Sources.Count), result.Sources.Select(s => s.Number));
        Assert.Equal(result.Sources.Select(s => s.Number), result.Citations.Select(c => c.Number));
        Assert.StartsWith("Sources:\n[1] LAION-5B", result.SourcesText, StringComparison.Ordinal);
        Assert.False(result.Declined);
    }

    /// <summary>The extractive answer from one paper, every word of the question weighing the same.</summary>
    private static string AnswerFromOne(string title, string text, string question) =>
        ExtractiveAnswerer.Answer(question, [new RetrievedPaper(1, new Paper { Id = "p", Title = title, Abstract = text }, 10, 10, null, 1)],
            TextTerms.Stems(question).ToDictionary(s => s, _ => 1.0));
}
