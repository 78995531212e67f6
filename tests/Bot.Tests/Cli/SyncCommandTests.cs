using System.Text.Json;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Cli;

/// <summary><c>sync</c> against a fake Hugging Face API on 127.0.0.1 serving real archive days.</summary>
public sealed class SyncCommandTests : IAsyncLifetime
{
    private FakeHuggingFaceServer _server = null!;
    private PaperBotProcess _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHuggingFaceServer.StartAsync();
        _bot = new PaperBotProcess($$""", "Papers": { "ApiBaseUrl": "{{_server.BaseUrl}}", "RetryBaseDelayMilliseconds": 10, "MaxRetries": 2 }""");
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Sync_of_a_day_ingests_its_papers_and_a_second_sync_changes_nothing()
    {
        // A real archive day, as the API sent it.
        var items = Items("2026-04-10.json");
        _server.AddDay(new DateOnly(2026, 4, 10), items);

        var first = await _bot.RunAsync("sync", "--date", "2026-04-10", "--json");
        var second = await _bot.RunAsync("sync", "--date", "2026-04-10", "--json");
        var papers = await _bot.RunAsync("papers", "--date", "2026-04-10", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(items.Count, first.Json.GetProperty("added").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("added").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("updated").GetInt32());
        // The day's papers with an arXiv id are exactly the file's (the sample corpus adds a page paper dated Apr 10).
        var listed = papers.Json.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("arxiv_id").GetString()).OfType<string>();
        Assert.Equal(items.Select(Id).Order(), listed.Order());
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task A_range_is_fetched_a_day_at_a_time_complete_days_are_skipped_and_refresh_fetches_them_again()
    {
        // 2026-04-10 and 2026-04-16 as the archive has them; the days between are served empty.
        _server.AddDay(new DateOnly(2026, 4, 10), Items("2026-04-10.json"));
        _server.AddDay(new DateOnly(2026, 4, 16), Items("2026-04-16.json"));
        var days = Enumerable.Range(10, 7).Select(d => $"2026-04-{d}").ToList();

        var first = await _bot.RunAsync("sync", "--from", "2026-04-10", "--to", "2026-04-16", "--json");
        var firstRequests = _server.Requests.Count;
        var again = await _bot.RunAsync("sync", "--from", "2026-04-10", "--to", "2026-04-16", "--json");
        var againRequests = _server.Requests.Count - firstRequests;
        var refreshed = await _bot.RunAsync("sync", "--from", "2026-04-10", "--to", "2026-04-16", "--refresh", "--json");
        var april16 = await _bot.RunAsync("papers", "--date", "2026-04-16", "--json");
        var show = await _bot.RunAsync("show", "2604.07429", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(days, first.Json.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetString()!["date=".Length..]));
        Assert.Equal(days, _server.Requests.Take(firstRequests).Select(r => r["date"]).Distinct());
        var distinct = Items("2026-04-10.json").Concat(Items("2026-04-16.json")).Select(Id).Distinct().Count();
        Assert.Equal(distinct, first.Json.GetProperty("added").GetInt32());
        foreach (var day in days)
        {
            Assert.Contains($"{day}: ", first.Stderr, StringComparison.Ordinal);
        }

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0, againRequests);
        Assert.Equal(days, again.Json.GetProperty("already_complete").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("2026-04-12: already complete, skipped", again.Stderr, StringComparison.Ordinal);

        Assert.True(refreshed.ExitCode == 0, refreshed.ToString());
        Assert.Equal(days, _server.Requests.Skip(firstRequests).Select(r => r["date"]).Distinct());
        Assert.Equal(0, refreshed.Json.GetProperty("added").GetInt32());

        Assert.Equal(Items("2026-04-16.json").Count, april16.Json.GetProperty("count").GetInt32());
        Assert.Equal(["2026-04-10", "2026-04-16"], show.Json.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_exits_3_with_a_clear_message()
    {
        for (var i = 0; i < 5; i++)
        {
            _server.Enqueue(FakeResponse.Error(500, "upstream broke"));
        }

        var result = await _bot.RunAsync("sync", "--date", "2025-10-02");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("500", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--week", "2025-W60")]
    [InlineData("--month", "2025-13")]
    [InlineData("--days", "0")]
    [InlineData("--from", "2026-04-16", "--to", "2026-04-10")]
    [InlineData("--from", "2026-04-10", "--date", "2026-04-10")]
    [InlineData("--from", "2026-02-30")]
    [InlineData("--to", "2999-01-01")]
    [InlineData("--date", "2026-04-10", "--refresh")]
    public async Task Bad_periods_and_ranges_are_usage_errors_before_any_request(params string[] args)
    {
        var result = await _bot.RunAsync(["sync", .. args]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private static List<string> Items(string file) =>
        [.. JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive(file))).RootElement.EnumerateArray().Select(i => i.GetRawText())];

    private static string Id(string item) => JsonDocument.Parse(item).RootElement.GetProperty("paper").GetProperty("id").GetString()!;
}
