using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// Words that frame a question ("what explains…") say nothing about its topic: on the sample corpus they must
/// not weigh against the paper that answers, and leaving them out must not make an unrelated question answered.
/// </summary>
public sealed class QuestionWordTests : IDisposable
{
    private readonly AnsweringHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("explain")]
    [InlineData("explains")]
    [InlineData("explained")]
    [InlineData("explaining")]
    public void Every_form_of_explain_frames_the_question(string word)
    {
        Assert.False(TextTerms.IsContentWord(word));
    }

    [Fact]
    public async Task Chat_filler_weighs_nothing_so_a_chatty_question_finds_what_the_plain_one_finds()
    {
        const string plain = "Why do well-calibrated language models still hallucinate?";
        const string chatty = "we're looking into this: why do well-calibrated language models actually still hallucinate, kinda like they're trying to?";

        var asked = await _harness.Retriever.RetrieveAsync(plain, null, null, CancellationToken.None);
        var chatted = await _harness.Retriever.RetrieveAsync(chatty, null, null, CancellationToken.None);

        Assert.Equal(asked.TermWeights.Keys.Order(), chatted.TermWeights.Keys.Order());
        Assert.Equal(asked.Papers.Select(p => p.Paper.Title), chatted.Papers.Select(p => p.Paper.Title));
        Assert.Equal(asked.Outcome, chatted.Outcome);
    }

    [Fact]
    public async Task A_what_explains_question_is_weighed_by_its_topic_words_and_answered_from_the_paper()
    {
        const string question = "What explains why well-calibrated language models still hallucinate?";

        var result = await _harness.Retriever.RetrieveAsync(question, null, null, CancellationToken.None);
        var answer = await _harness.Answerer.AskAsync(new AnswerRequest(question) { NoModel = true });

        Assert.DoesNotContain(result.TermWeights.Keys, k => k.StartsWith("explain", StringComparison.Ordinal));
        Assert.Equal("Calibrated Language Models Must Hallucinate", result.Papers[0].Paper.Title);
        Assert.True(result.Papers[0].TermCoverage >= 0.7, $"coverage {result.Papers[0].TermCoverage}");
        Assert.False(answer.Declined);
        Assert.Equal("Calibrated Language Models Must Hallucinate", answer.Sources[0].Title);
    }

    [Fact]
    public async Task A_what_explains_question_on_something_no_paper_covers_stays_declined_though_it_shares_their_words()
        => await _harness.AssertDeclinedAsync("What explains why reinforcement learning agents fail at tax returns?");
}
