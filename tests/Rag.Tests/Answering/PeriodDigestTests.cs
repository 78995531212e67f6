using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>Digests of a week, a month and a range over the sample corpus's real March 2026 days.</summary>
public sealed class PeriodDigestTests
{
    private static readonly DigestPeriod Week12 = DigestPeriod.Week("2026-W12");

    [Fact]
    public async Task A_weeks_extractive_digest_names_its_largest_themes_and_calls_out_its_most_upvoted_papers()
    {
        using var harness = new AnsweringHarness();
        var (top, total) = harness.Store.MostUpvoted(Week12.From, Week12.To, PeriodSelection.MostUpvoted);

        var digest = await harness.Digest.SummarizeAsync(new DigestRequest(NoModel: true) { Period = Week12 });

        Assert.True(digest.Complete);
        Assert.Equal(Week12, digest.Period);
        Assert.Equal(total, digest.PaperCount);
        Assert.StartsWith($"Extractive digest (no model) of 2026-W12 (2026-03-16 to 2026-03-22): {total} papers; its ", digest.Text, StringComparison.Ordinal);
        Assert.Equal(0, digest.DroppedCitations);
        // The period's ten most upvoted papers are cited, as [1] to [10], in the "Most upvoted" line.
        Assert.Equal(top.Select(p => p.Paper.Id), digest.Citations.Where(c => c.Number <= 10).OrderBy(c => c.Number).Select(c => c.Id));
        Assert.Contains($"Most upvoted: {top[0].Paper.Title} ({top[0].Paper.Upvotes} upvotes) [1];", digest.Text, StringComparison.Ordinal);
        // Every cited paper is one of the week's, and the digest fits a handful of Discord messages.
        var week = harness.Store.MostUpvoted(Week12.From, Week12.To, int.MaxValue).Papers.Select(p => p.Paper.Id).ToHashSet();
        Assert.All(digest.Citations, c => Assert.Contains(c.Id, week));
        Assert.InRange(digest.Citations.Count, 10, PeriodSelection.MostUpvoted + ThemeGrouper.MaxThemes * PeriodSelection.PapersPerTheme);
        Assert.True(digest.Text.Length <= 6 * 2000, $"{digest.Text.Length} characters");
    }

    [Fact]
    public async Task A_model_digest_is_written_over_the_selection_cached_per_period_and_refreshed_when_the_period_gains_papers()
    {
        var chat = new ScriptedChatClient(messages => messages[0].Text.Contains("one research paper", StringComparison.Ordinal)
            ? "A gist."
            : "Agents and video: the week's work [1, 2] and a paper that is not there [999].");
        using var harness = new AnsweringHarness(chat: chat);

        var first = await harness.Digest.SummarizeAsync(new DigestRequest { Period = Week12 });
        var calls = chat.Calls;
        var second = await harness.Digest.SummarizeAsync(new DigestRequest { Period = Week12 });
        var month = await harness.Digest.SummarizeAsync(new DigestRequest { Period = DigestPeriod.Month("2026-03") });
        harness.Add(AnsweringHarness.Paper("A late paper on speech", "We study speech recognition with late fusion.", new DateOnly(2026, 3, 22), 1));
        var third = await harness.Digest.SummarizeAsync(new DigestRequest { Period = Week12 });

        Assert.Equal(AnswerMode.Model, first.Mode);
        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(first.Text, second.Text);
        Assert.False(month.Cached);
        Assert.False(third.Cached);
        Assert.Equal(first.PaperCount + 1, third.PaperCount);
        // One gist per selected paper (at most the ten most upvoted and three per theme), then one reduce call.
        Assert.InRange(calls - 1, 10, PeriodSelection.MostUpvoted + ThemeGrouper.MaxThemes * PeriodSelection.PapersPerTheme);
        Assert.Contains("2026-W12 (2026-03-16 to 2026-03-22)", chat.Prompts[calls - 1][^1].Text, StringComparison.Ordinal);
        Assert.Equal(1, first.DroppedCitations);
        Assert.Contains("the week's work [1, 2]", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_period_without_papers_says_so()
    {
        using var harness = new AnsweringHarness();

        var digest = await harness.Digest.SummarizeAsync(new DigestRequest { Period = DigestPeriod.Month("2020-02") });

        Assert.Equal(0, digest.PaperCount);
        Assert.Equal("No papers from 2020-02 (2020-02-01 to 2020-02-29).", digest.Text);
    }

    [Fact]
    public void Periods_are_named_by_their_iso_week_month_or_days()
    {
        Assert.Equal(new DigestPeriod(new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 22), "2026-W12"), DigestPeriod.WeekOf(new DateOnly(2026, 3, 22)));
        Assert.Equal(new DigestPeriod(new DateOnly(2025, 12, 29), new DateOnly(2026, 1, 4), "2026-W01"), DigestPeriod.WeekOf(new DateOnly(2025, 12, 31)));
        Assert.Equal(new DigestPeriod(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), "2024-02"), DigestPeriod.MonthOf(new DateOnly(2024, 2, 10)));
        Assert.Equal("2026-03-02 to 2026-03-08", DigestPeriod.Range(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)).Describe());
        Assert.Throws<ArgumentException>(() => DigestPeriod.Week("2026-W54"));
    }
}
