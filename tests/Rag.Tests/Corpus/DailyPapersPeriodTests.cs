using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Corpus;

public sealed class DailyPapersPeriodTests
{
    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-10-2")]
    [InlineData("yesterday")]
    public void Malformed_dates_fail_with_a_clear_message(string date)
    {
        var error = Assert.Throws<ArgumentException>(() => DailyPapersPeriod.ParseDay(date));

        Assert.Equal($"A date must look like 2025-10-02 (yyyy-MM-dd); got '{date}'.", error.Message);
    }

    [Theory]
    [InlineData("2025-40", "A week must look like 2025-W40 (ISO year, 'W', two-digit week); got '2025-40'.")]
    [InlineData("2025-W53", "'2025-W53' is not an ISO week: 2025 has weeks 01 to 52.")]
    [InlineData("2025-W00", "'2025-W00' is not an ISO week: 2025 has weeks 01 to 52.")]
    public void Malformed_weeks_fail_with_a_clear_message(string week, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => DailyPapersPeriod.Week(week)).Message);

    [Theory]
    [InlineData("2025-1")]
    [InlineData("2025-00")]
    [InlineData("Oct 2025")]
    public void Malformed_months_fail_with_a_clear_message(string month) =>
        Assert.Equal(
            $"A month must look like 2025-10 (yyyy-MM); got '{month}'.",
            Assert.Throws<ArgumentException>(() => DailyPapersPeriod.Month(month)).Message);

    [Theory]
    [InlineData("2026-W53", "week=2026-W53")]
    [InlineData("2025-w01", "week=2025-W01")]
    [InlineData(" 2020-W53 ", "week=2020-W53")]
    public void Weeks_are_normalized(string week, string query) =>
        Assert.Equal(query, DailyPapersPeriod.Week(week).ToString());

    [Fact]
    public void Days_and_months_are_written_as_the_api_expects()
    {
        Assert.Equal("date=2025-10-02", DailyPapersPeriod.ParseDay(" 2025-10-02 ").ToString());
        Assert.Equal("date=2025-01-05", DailyPapersPeriod.Day(new DateOnly(2025, 1, 5)).ToString());
        Assert.Equal(("month", "2025-10"), (DailyPapersPeriod.Month("2025-10").Parameter, DailyPapersPeriod.Month("2025-10").Value));
    }
}
