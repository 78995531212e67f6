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
        var paper = new RetrievedPaper(1, new Paper { Id = "p", Title = "Alignment faking in large language models", Abstract = Abstract }, 10, 10, null, 1);
        var weights = TextTerms.Stems(question).ToDictionary(s => s, _ => 1.0);

        var answer = ExtractiveAnswerer.Answer(question, [paper], weights);

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
        var paper = new RetrievedPaper(1, new Paper { Id = "p", Title = "HtmlRAG", Abstract = text }, 10, 10, null, 1);
        const string question = "Is there retrieval that gives the model the HTML of web pages instead of extracted plain text?";
        var weights = TextTerms.Stems(question).ToDictionary(s => s, _ => 1.0);

        var answer = ExtractiveAnswerer.Answer(question, [paper], weights);

        Assert.Contains("extract plain text from the HTML of web pages before giving it to the model. This loses the structure", answer, StringComparison.Ordinal);
        Assert.Contains("We propose HtmlRAG", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Other work compresses", answer, StringComparison.Ordinal);
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
}
