using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>LaTeX that authors pasted into arXiv, and a space before a title's colon, as real API days carry them.</summary>
public sealed class SourceTextTests
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);

    [Fact]
    public void Latex_escapes_of_real_abstracts_are_resolved_at_ingest()
    {
        var papers = CorpusFileReader.Read(TestPaths.HfArchive("2025-09-30.json"), AsOf).Entries.Select(e => e.Paper).ToList();

        Assert.Contains("RoboBrain2.0-Euclid-7B achieves 49.6% accuracy", papers.Single(p => p.Id == "2509.24473").Abstract, StringComparison.Ordinal);
        Assert.Contains("(accuracies of 41.6% vs. 33.5%)", papers.Single(p => p.Id == "2509.24908").Abstract, StringComparison.Ordinal);
        Assert.DoesNotContain(papers, p => p.Abstract.Contains("\\%", StringComparison.Ordinal) || p.Title.Contains('\\', StringComparison.Ordinal));
    }

    [Fact]
    public void A_title_has_no_space_before_its_colon()
    {
        var paper = CorpusFileReader.Read(TestPaths.HfArchive("2025-07-07.json"), AsOf).Entries.Select(e => e.Paper).Single(p => p.Id == "2507.01853");

        Assert.Equal("Eka-Eval: A Comprehensive Evaluation Framework for Large Language Models in Indian Languages", paper.Title);
    }

    [Theory]
    [InlineData(@"\textbf{MNPO} improves R\&D by 5\% \eg on \emph{hard} tasks", "MNPO improves R&D by 5% e.g. on hard tasks")]
    [InlineData(@"41.6\% vs.\ 33.5\%, a\,b, \ie. the \_x\_ and \#1 for \$5", "41.6% vs. 33.5%, a b, i.e. the _x_ and #1 for $5")]
    public void Latex_text_commands_and_escapes_become_plain_text(string latex, string plain) =>
        Assert.Equal(plain, SourceText.Prose(latex));
}
