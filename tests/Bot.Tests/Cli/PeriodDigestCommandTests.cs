namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// <c>summarize --week/--month/--from --to</c> and the chat's <c>/summarize week|month</c> through the real executable over
/// the sample corpus's real API days (2026-03-10 to 2026-03-23).
/// </summary>
public sealed class PeriodDigestCommandTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task A_week_a_month_and_a_range_are_digested_with_valid_citations()
    {
        var week = await _bot.RunAsync("summarize", "--week", "2026-W12", "--json");
        var month = await _bot.RunAsync("summarize", "--month", "2026-03", "--no-model");
        var range = await _bot.RunAsync("summarize", "--from", "2026-03-20", "--to", "2026-03-23", "--json");

        Assert.True(week.ExitCode == 0, week.ToString());
        var period = week.Json.GetProperty("period");
        Assert.Equal("2026-W12", period.GetProperty("name").GetString());
        Assert.Equal("2026-03-16", period.GetProperty("from").GetString());
        Assert.Equal("2026-03-22", period.GetProperty("to").GetString());
        Assert.Equal(0, week.Json.GetProperty("dropped_citations").GetInt32());
        var citations = week.Json.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("number").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, citations.Count), citations.Order());
        Assert.True(month.ExitCode == 0, month.ToString());
        Assert.StartsWith("Extractive digest (no model) of 2026-03 (2026-03-01 to 2026-03-31): ", month.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nMost upvoted: ", month.Stdout, StringComparison.Ordinal);
        Assert.True(range.ExitCode == 0, range.ToString());
        Assert.Equal("2026-03-20 to 2026-03-23", range.Json.GetProperty("period").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Conflicting_or_malformed_periods_are_usage_errors()
    {
        var both = await _bot.RunAsync("summarize", "--week", "2026-W12", "--month", "2026-03");
        var badWeek = await _bot.RunAsync("summarize", "--week", "2026-W54");
        var reversed = await _bot.RunAsync("summarize", "--from", "2026-03-20", "--to", "2026-03-10");

        Assert.Equal(1, both.ExitCode);
        Assert.Contains("give only one of --date, --week, --month, --from/--to", both.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, badWeek.ExitCode);
        Assert.Contains("'2026-W54' is not an ISO week", badWeek.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, reversed.ExitCode);
        CliAssert.NoStackTrace(badWeek);
    }

    [Fact]
    public async Task The_chat_digests_the_week_or_month_of_the_latest_day()
    {
        var chat = await _bot.RunWithInputAsync("/summarize week\n/summarize 2026-03\n/summarize 2026-W99\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        // The latest day, 2026-03-23, is a Monday: its ISO week is 2026-W13.
        Assert.Contains("Extractive digest (no model) of 2026-W13 (2026-03-23 to 2026-03-29): ", chat.Stdout, StringComparison.Ordinal);
        Assert.Contains("Extractive digest (no model) of 2026-03 (2026-03-01 to 2026-03-31): ", chat.Stdout, StringComparison.Ordinal);
        Assert.Contains("'2026-W99' is not an ISO week", chat.Stdout + chat.Stderr, StringComparison.Ordinal);
    }
}
