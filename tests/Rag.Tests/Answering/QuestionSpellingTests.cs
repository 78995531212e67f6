using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// Misspelled question words over the sample corpus (791 papers): read as the word the papers write, and only then.
/// The typos are the kinds in the users' questions ("retreival", "trajectroy", "Trainig", "modles").
/// </summary>
public sealed class QuestionSpellingTests : IDisposable
{
    private readonly AnsweringHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("Which papers improve retreival for long documents?", "Which papers improve retrieval for long documents?")]
    // Swapped letters, not an added one: "modles" is "models" (a stem shared with "modeles", which nobody writes).
    [InlineData("Trainig cost of reward modles", "Training cost of reward models")]
    [InlineData("How does retrieval-augmented generation handle conflcting evidence?", "How does retrieval-augmented generation handle conflicting evidence?")]
    public void A_misspelled_word_is_read_as_the_word_the_papers_write(string typed, string read)
    {
        var spelled = QuestionSpelling.Correct(typed, _harness.Store);

        Assert.Equal(read, spelled.Text);
        Assert.NotEmpty(spelled.Corrections);
    }

    [Theory]
    // A name (a near miss names what nobody wrote about), a short word, words no paper has that are not slips.
    [InlineData("does Skywrok help with wood sweaters")]
    // One changed letter turns a short real word into another: "waking" is not read as "making".
    [InlineData("robots waking up")]
    [InlineData("how do tokenizers treat newlines")]
    // Words the papers write stay as they are.
    [InlineData("Which papers train reward models for RLHF?")]
    public void Names_short_words_and_words_one_edit_from_nothing_written_are_left_as_typed(string question)
    {
        var spelled = QuestionSpelling.Correct(question, _harness.Store);

        Assert.Equal(question, spelled.Text);
        Assert.Empty(spelled.Corrections);
        Assert.Null(spelled.Notice);
    }

    [Fact]
    public void A_variant_that_only_shares_a_stem_with_common_words_is_not_taken_for_a_word()
    {
        // "newlines" is one letter from "newlies", which the index stems as it stems "newly": common by its statistics,
        // yet no abstract writes it.
        Assert.Contains("newlies", QuestionSpelling.OneEditAway("newlines"));
        Assert.True(_harness.Store.UncachedFrequencies(["newlies"])["newlies"] >= QuestionSpelling.MinPapers);
        Assert.False(_harness.Store.Writes("newlies"));
        Assert.True(_harness.Store.Writes("newly"));
    }

    [Fact]
    public async Task The_answer_to_a_misspelled_question_is_the_answer_to_the_question_spelled_right_and_says_how_it_was_read()
    {
        var typed = await _harness.Answerer.AskAsync(new AnswerRequest("Which papers improve retreival for long documents?") { NoModel = true });
        var spelled = await _harness.Answerer.AskAsync(new AnswerRequest("Which papers improve retrieval for long documents?") { NoModel = true });

        Assert.Contains("Read \"retreival\" as \"retrieval\".", typed.Notices);
        Assert.DoesNotContain(spelled.Notices, n => n.StartsWith("Read ", StringComparison.Ordinal));
        Assert.Equal(spelled.Answer, typed.Answer);
        Assert.Equal(spelled.Sources.Select(s => s.Id), typed.Sources.Select(s => s.Id));
        Assert.NotEmpty(typed.Sources);
    }
}
