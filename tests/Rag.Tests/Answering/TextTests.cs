using PaperBot.Rag.Index;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Tests.Answering;

public sealed class TextTests
{
    [Fact]
    public void Word_forms_meet_at_one_stem()
    {
        Assert.Equal(WordStemmer.Stem("models"), WordStemmer.Stem("modeling"));
        Assert.Equal(WordStemmer.Stem("generation"), WordStemmer.Stem("generating"));
        Assert.Equal(WordStemmer.Stem("LLMs"), WordStemmer.Stem("llm"));
    }

    [Fact]
    public void A_contraction_is_not_searched_with_or_without_its_apostrophe_but_a_prefix_is()
    {
        // "re" of "you're" once weighed as much as a rare word of the field; "re-ranking" keeps its "re".
        Assert.Equal(["prove", "human", "puzzles", "isn", "model", "re", "ranking"], TextTerms.Words("'prove you're human' puzzles? isn't the model's re-ranking").Where(w => w is not "you" and not "the").ToList());
        Assert.Equal(["prove", "human", "puzzles", "re", "ranking"], QueryTerms.Extract("'prove you’re human' puzzles we've re-ranking"));
        Assert.Equal(["best", "model", "big", "sure"], QueryTerms.Extract("whats the best model that isnt big, im sure youre"));
    }

    [Fact]
    public void Sentences_split_at_real_boundaries_only()
    {
        var sentences = SentenceSplitter.Split("We use e.g. the GPT-3.5 model (Smith et al. 2023). It has 5.8K parameters! Does it work? Yes.");

        Assert.Equal(["We use e.g. the GPT-3.5 model (Smith et al. 2023).", "It has 5.8K parameters!", "Does it work?", "Yes."], sentences);
    }

    [Fact]
    public void Control_characters_are_stripped_and_whitespace_collapsed()
    {
        var question = QuestionText.From("  what\u0000 is\t\u0007 RL?\r\n\u200B ");

        Assert.Equal("what is RL?", question.Text);
        Assert.False(question.Truncated);
    }

    [Fact]
    public void A_very_long_question_is_cut_at_a_word_boundary()
    {
        var question = QuestionText.From(string.Concat(Enumerable.Repeat("diffusion ", 1000)));

        Assert.True(question.Truncated);
        Assert.Equal(10_000 - 1, question.OriginalLength);
        Assert.True(question.Text.Length <= QuestionText.MaxLength);
        Assert.EndsWith("diffusion", question.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \u0001\u0002  ")]
    [InlineData(null)]
    public void An_empty_question_is_a_user_error(string? text)
    {
        Assert.Throws<UserInputException>(() => QuestionText.From(text));
    }
}
