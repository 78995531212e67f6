using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>The extractive digest's themes over real days of the Daily Papers archive: named by what their papers say.</summary>
public sealed class ThemeGrouperTests
{
    /// <summary>
    /// What earlier versions named themes: words that say a paper is research, not what about; lone modifiers and
    /// words the papers say once (2025-02-11, 2025-04-24, 2026-04-30 before the repetition rule).
    /// </summary>
    private static readonly string[] Generic =
    [
        "Models", "Model", "Tasks", "Method", "Methods", "Data", "Advantages", "Agentic", "Results", "Generated", "Grained", "Framework",
        "Hierarchical", "Direct", "Full", "Asynchronous", "User", "Optimized", "Reinforcement",
    ];

    [Theory]
    [InlineData("2025-02-07.json")]
    [InlineData("2025-03-11.json")]
    [InlineData("2025-09-30.json")]
    [InlineData("2026-04-10.json")]
    [InlineData("2026-04-16.json")]
    [InlineData("2025-02-11.json")]
    [InlineData("2025-04-24.json")]
    [InlineData("2026-04-30.json")]
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

    [Fact]
    public void A_theme_is_named_by_the_phrase_its_papers_repeat_not_by_a_modifier_or_a_word_said_once()
    {
        Paper P(string id, string title, string text) => new() { Id = id, Title = title, Abstract = text };
        IReadOnlyList<Paper> papers =
        [
            // Named "reinforcement" in their titles, "reinforcement learning" throughout: the theme takes the phrase.
            P("1", "Reinforcement for reasoning", "We train reasoning with reinforcement learning. Reinforcement learning rewards each step."),
            P("2", "Scaling reinforcement to agents", "Reinforcement learning for agents. Our reinforcement learning recipe scales."),
            // Share only a modifier in their titles: a hierarchical planner and a hierarchical tokenizer.
            P("3", "Hierarchical planning for robots", "A robot planner decomposes goals into subgoals for manipulation arms."),
            P("4", "Hierarchical tokenizer for speech", "A speech tokenizer splits waveforms into coarse and fine codes for synthesis."),
            // Their titles share nothing; their abstracts both repeat "speculative decoding".
            P("5", "Cheaper generation at scale", "Speculative decoding proposes tokens cheaply. Speculative decoding then verifies them."),
            P("6", "Verifying in parallel", "We verify proposals in parallel for speculative decoding; speculative decoding gets faster."),
        ];

        var themes = ThemeGrouper.Group(papers);

        var shown = string.Join(" | ", themes.Select(t => $"{t.Label} ({string.Join(',', t.Papers)})"));
        Assert.True(themes.Any(t => t.Label.Equals("Reinforcement learning", StringComparison.OrdinalIgnoreCase) && t.Papers.SequenceEqual([0, 1])), shown);
        Assert.True(themes.Any(t => t.Label.Equals("Speculative decoding", StringComparison.OrdinalIgnoreCase) && t.Papers.SequenceEqual([4, 5])), shown);
        Assert.False(themes.Any(t => t.Label.StartsWith("Hierarchical", StringComparison.OrdinalIgnoreCase)), shown);
    }
}
