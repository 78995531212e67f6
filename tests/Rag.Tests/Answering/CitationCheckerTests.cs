using PaperBot.Rag.Answering.Citations;

namespace PaperBot.Rag.Tests.Answering;

public sealed class CitationCheckerTests
{
    [Fact]
    public void Valid_citations_are_kept_and_listed_in_order_of_first_use()
    {
        var check = CitationChecker.Check("Flows scale [2]. Diffusion too [1, 2].", 3);

        Assert.Equal("Flows scale [2]. Diffusion too [1, 2].", check.Text);
        Assert.Equal([2, 1], check.Cited);
        Assert.Equal(0, check.Dropped);
    }

    [Fact]
    public void Citations_to_sources_that_were_not_given_are_removed_and_counted()
    {
        var check = CitationChecker.Check("A claim [7]. Another [1, 9]. Zero [0].", 3);

        Assert.Equal("A claim. Another [1]. Zero.", check.Text);
        Assert.Equal([1], check.Cited);
        Assert.Equal(3, check.Dropped);
    }

    [Fact]
    public void Ranges_are_expanded_and_clipped_to_the_sources()
    {
        var inRange = CitationChecker.Check("See [1-3].", 4);
        var partly = CitationChecker.Check("See [2–6].", 3);
        var reversed = CitationChecker.Check("See [3-1].", 3);

        Assert.Equal([1, 2, 3], inRange.Cited);
        Assert.Equal("See [1, 2, 3].", inRange.Text);
        Assert.Equal("See [2, 3].", partly.Text);
        Assert.Equal(1, partly.Dropped);
        Assert.Equal("See.", reversed.Text);
        Assert.Equal(1, reversed.Dropped);
    }

    [Theory]
    [InlineData("Arrays like a[i] are fine.")]
    [InlineData("An unclosed [1 bracket.")]
    [InlineData("Empty [] and words [see above].")]
    [InlineData("No citations at all.")]
    public void Brackets_that_are_not_citations_stay_as_text(string answer)
    {
        var check = CitationChecker.Check(answer, 2);

        Assert.Equal(answer, check.Text);
        Assert.Empty(check.Cited);
        Assert.Equal(0, check.Dropped);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Streamed_citations_are_numbered_as_the_checked_answer_whatever_the_pieces(int pieceSize)
    {
        const string answer = "Flows [4]. Both [2, 4] and a range [1-2]. Not given [9, 4]. Arrays a[i] and [see [3]]. Unclosed [2";
        var numbering = new StreamingSourceNumbering(4);

        var streamed = string.Concat(answer.Chunk(pieceSize).Select(piece => numbering.Push(new string(piece)))) + numbering.Flush();

        var check = CitationChecker.Check(answer, 4);
        Assert.Equal("Flows [1]. Both [2, 1] and a range [3, 2]. Not given [1]. Arrays a[i] and [see [4]]. Unclosed [2", streamed);
        Assert.Equal(SourceNumbering.Renumber(check.Text, check.Cited), streamed);
        Assert.Equal(check.Cited, numbering.Cited);
        Assert.Equal(["d", "b", "a", "c"], numbering.InShownOrder(["a", "b", "c", "d"]));
    }
}
