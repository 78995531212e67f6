using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>The extractive digest's themes over real days of the Daily Papers archive: named by what their papers say.</summary>
public sealed class ThemeGrouperTests
{
    /// <summary>What earlier versions named themes: words that say a paper is research, not what about.</summary>
    private static readonly string[] Generic = ["Models", "Model", "Tasks", "Method", "Methods", "Data", "Advantages", "Agentic", "Results", "Generated", "Grained", "Framework"];

    [Theory]
    [InlineData("2025-02-07.json")]
    [InlineData("2025-03-11.json")]
    [InlineData("2025-09-30.json")]
    [InlineData("2026-04-10.json")]
    [InlineData("2026-04-16.json")]
    public void A_real_days_themes_are_named_by_a_phrase_most_of_their_papers_contain(string file)
    {
        var papers = DailyPapersJsonParser.Parse(file, File.ReadAllText(TestPaths.HfArchive(file))).Entries.Select(e => e.Paper)
            .DistinctBy(p => p.Id).ToList();

        var themes = ThemeGrouper.Group(papers);

        Assert.Equal(papers.Count, themes.Sum(t => t.Papers.Count));
        var named = themes.Where(t => t.Label != "Other papers").ToList();
        Assert.True(named.Count >= 3, string.Join(" | ", themes.Select(t => t.Label)));
        Assert.All(named, t => Assert.DoesNotContain(t.Label, Generic));
        Assert.All(named, t => Assert.True(t.Papers.Count(i => ThemeGrouper.Names(t.Label, papers[i])) >= 2.0 / 3 * t.Papers.Count, t.Label));
        var other = themes.Where(t => t.Label == "Other papers").Sum(t => t.Papers.Count);
        Assert.True(other <= papers.Count / 3, $"{other} of {papers.Count} papers in Other: {string.Join(" | ", themes.Select(t => $"{t.Label} ({t.Papers.Count})"))}");
    }
}
