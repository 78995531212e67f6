using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>Every way of writing a day or period that the answers understand, resolved against a fixed today (a Wednesday).</summary>
public sealed class QuestionDatesTests
{
    private static readonly DateOnly Today = new(2026, 6, 17);

    [Theory]
    [InlineData("Which papers about robot policies were featured on 2026-06-16?", "2026-06-16", "2026-06-16", "2026-06-16")]
    [InlineData("what came out June 16, 2026 on agents", "2026-06-16", "2026-06-16", "June 16, 2026")]
    [InlineData("anything on speech from 16 Jun 2026", "2026-06-16", "2026-06-16", "16 Jun 2026")]
    [InlineData("papers from Oct 3rd, 2024 on speech", "2024-10-03", "2024-10-03", "Oct 3rd, 2024")]
    [InlineData("I missed the feed on November 27th, 2024 - anything about long context?", "2024-11-27", "2024-11-27", "November 27th, 2024")]
    [InlineData("13 Nov 2024 daily papers: anything about distillation?", "2024-11-13", "2024-11-13", "13 Nov 2024")]
    [InlineData("anything on pretraining data in the Jun 18 2024 papers?", "2024-06-18", "2024-06-18", "Jun 18 2024")]
    [InlineData("the 16th of June, 2025 list", "2025-06-16", "2025-06-16", "16th of June, 2025")]
    [InlineData("what did yesterday bring on diffusion?", "2026-06-16", "2026-06-16", "yesterday")]
    [InlineData("anything today on agents?", "2026-06-17", "2026-06-17", "today")]
    [InlineData("agents papers from last week", "2026-06-08", "2026-06-14", "last week")]
    [InlineData("agents papers this week", "2026-06-15", "2026-06-17", "this week")]
    [InlineData("diffusion papers this month", "2026-06-01", "2026-06-17", "this month")]
    [InlineData("diffusion papers last month", "2026-05-01", "2026-05-31", "last month")]
    [InlineData("which agent papers came out in May 2025?", "2025-05-01", "2025-05-31", "May 2025")]
    [InlineData("reward model papers from May 6, 2025?", "2025-05-06", "2025-05-06", "May 6, 2025")]
    public void A_written_day_or_period_is_found_with_its_words(string question, string from, string to, string words)
    {
        var mention = QuestionDates.Find(question, Today, (_, _) => null);

        Assert.NotNull(mention);
        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), mention.From);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), mention.To);
        Assert.Equal(words, question.Substring(mention.Start, mention.Length));
        Assert.DoesNotContain(words, QuestionDates.Without(question, mention), StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_without_its_year_is_the_latest_such_day_in_the_index()
    {
        var mention = QuestionDates.Find("what came out on Mar 12 about agents?", Today, (month, day) => month == 3 && day == 12 ? new DateOnly(2025, 3, 12) : null);

        Assert.Equal(new DateOnly(2025, 3, 12), mention!.From);
        Assert.Equal(mention.From, mention.To);
    }

    [Fact]
    public void A_day_without_its_year_that_the_index_lacks_is_never_in_the_future()
    {
        Assert.Equal(new DateOnly(2026, 3, 12), QuestionDates.Find("Mar 12 papers", Today, (_, _) => null)!.From);
        Assert.Equal(new DateOnly(2025, 12, 24), QuestionDates.Find("papers of Dec 24?", Today, (_, _) => null)!.From);
    }

    [Theory]
    [InlineData("How do today's LLMs handle long context?")]
    [InlineData("Which methods may 2x the throughput of decoding?")]
    [InlineData("How many parameters does Qwen2.5-72B have?")]
    [InlineData("What is the 2024 state of the art on MMLU?")]
    [InlineData("Does the 16-bit model beat the 4-bit one?")]
    public void Words_that_only_look_like_dates_are_not_dates(string question) =>
        Assert.Null(QuestionDates.Find(question, Today, (_, _) => null));

    [Fact]
    public void An_impossible_day_is_no_date() =>
        Assert.Null(QuestionDates.Find("papers from 2025-02-30", Today, (_, _) => null));
}
