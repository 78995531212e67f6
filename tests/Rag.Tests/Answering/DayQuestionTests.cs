using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// Questions about a day or a period, over the sample corpus's ten real API days (2026-03-10 to 2026-03-23): the
/// date written in the question is understood, every matching paper of those days is listed best first, a day
/// without a topic or without matches lists the day, and a day without papers names the nearest days.
/// </summary>
public sealed class DayQuestionTests
{
    private static readonly DateOnly Friday = new(2026, 3, 13);

    [Theory]
    [InlineData("which papers on agents came out on March 13, 2026?")]
    [InlineData("which papers on agents came out on 13 Mar 2026?")]
    [InlineData("which papers on agents came out on Mar 13?")]
    [InlineData("which papers on agents came out on 2026-03-13?")]
    public async Task The_day_written_in_the_question_limits_and_lists_the_matching_papers(string question)
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest(question) { NoModel = true });

        Assert.Equal(new AnswerPeriod(Friday, Friday, FromQuestion: true), result.Period);
        Assert.Equal(RelevanceOutcome.Answered, result.Outcome);
        Assert.Contains("Papers on 2026-03-13 that match", result.Answer, StringComparison.Ordinal);
        Assert.True(result.Sources.Count >= 3, result.Text);
        Assert.All(result.Sources, s => Assert.Contains(Friday, harness.Store.Get(s.Id)!.Days));
        // Best first: every listed paper is about agents, the first by its title.
        Assert.Contains("Agent", result.Sources[0].Title, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sentence_quoted_for_each_listed_paper_is_the_one_about_the_topic()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("which papers on agents came out on 2026-03-13?") { NoModel = true });

        var bullets = result.Answer.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(result.Sources.Count, bullets.Count);
        Assert.All(bullets, b => Assert.Contains("agent", b[(b.IndexOf(": ", StringComparison.Ordinal) + 2)..], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_option_wins_over_the_date_in_the_question_whose_words_are_still_not_searched()
    {
        using var harness = new AnsweringHarness();
        var monday = new DateOnly(2026, 3, 16);

        var result = await harness.Answerer.AskAsync(new AnswerRequest("which papers on agents came out on March 13, 2026?") { NoModel = true, From = monday, To = monday });

        Assert.Equal(new AnswerPeriod(monday, monday, FromQuestion: false), result.Period);
        Assert.NotEmpty(result.Sources);
        Assert.All(result.Sources, s => Assert.Contains(monday, harness.Store.Get(s.Id)!.Days));
        Assert.DoesNotContain("march", result.StandaloneQuestion.Replace("March 13, 2026", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("what came out on March 13, 2026?")]
    [InlineData("What papers were featured?")]
    public async Task A_question_that_only_names_a_day_lists_the_day_by_upvotes(string question)
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest(question) { NoModel = true, From = question.Contains("March", StringComparison.Ordinal) ? null : Friday, To = question.Contains("March", StringComparison.Ordinal) ? null : Friday });

        var day = harness.Store.PapersOfDay(Friday);
        Assert.False(result.Declined);
        Assert.Contains("The papers on 2026-03-13, most upvoted first:", result.Answer, StringComparison.Ordinal);
        Assert.Equal(day.Take(Answerer.MaxListedPapers).Select(p => p.Id), result.Sources.Select(s => s.Id));
        Assert.Contains(result.Notices, n => n.Contains($"{Answerer.MaxListedPapers} of the {day.Count} papers on 2026-03-13", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_topic_no_paper_of_the_day_has_says_so_and_lists_the_day()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("anything about knitting sweaters on 2026-03-13?") { NoModel = true });

        Assert.False(result.Declined);
        Assert.Contains("No paper on 2026-03-13 matches the question's words", result.Answer, StringComparison.Ordinal);
        Assert.Equal(harness.Store.PapersOfDay(Friday).Take(Answerer.MaxListedPapers).Select(p => p.Id), result.Sources.Select(s => s.Id));
    }

    [Fact]
    public async Task A_day_without_papers_names_the_nearest_days_with_papers()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("Which papers on agents?") { NoModel = true, From = new DateOnly(2026, 3, 14), To = new DateOnly(2026, 3, 14) });

        Assert.True(result.Declined);
        Assert.Equal(RelevanceOutcome.Declined, result.Outcome);
        Assert.Contains("No papers were featured on 2026-03-14. The nearest days with papers: 2026-03-11 (Wed), 2026-03-12 (Thu), 2026-03-13 (Fri), 2026-03-16 (Mon), 2026-03-17 (Tue).", result.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_says_how_many_matching_papers_it_leaves_out()
    {
        using var harness = new AnsweringHarness();

        var result = await harness.Answerer.AskAsync(new AnswerRequest("Which papers on agents?") { NoModel = true, From = new DateOnly(2026, 3, 1), To = new DateOnly(2026, 3, 31) });

        Assert.Equal(Answerer.MaxListedPapers, result.Sources.Count);
        var notice = Assert.Single(result.Notices, n => n.Contains("papers from 2026-03-01 to 2026-03-31 that use the question's words are shown", StringComparison.Ordinal));
        Assert.Matches(@"^The 10 best of the \d{2,} papers", notice);
    }

    [Fact]
    public async Task Relative_dates_count_from_today_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 17, 12, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        using var harness = new AnsweringHarness(time: time);

        var yesterday = await harness.Answerer.AskAsync(new AnswerRequest("what came out yesterday on agents?") { NoModel = true });
        var lastWeek = await harness.Answerer.AskAsync(new AnswerRequest("agents papers from last week") { NoModel = true });

        Assert.Equal(new AnswerPeriod(new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 16), FromQuestion: true), yesterday.Period);
        Assert.Equal(new AnswerPeriod(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 15), FromQuestion: true), lastWeek.Period);
        Assert.All(lastWeek.Sources, s => Assert.Contains(harness.Store.Get(s.Id)!.Days, d => d >= new DateOnly(2026, 3, 9) && d <= new DateOnly(2026, 3, 15)));
        Assert.NotEmpty(lastWeek.Sources);
    }
}
