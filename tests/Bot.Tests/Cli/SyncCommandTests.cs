using PaperBot.Rag.Tests.Corpus;

namespace PaperBot.Bot.Tests.Cli;

public sealed class SyncCommandTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2025, 10, 2);
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
    public async Task Sync_of_a_day_ingests_its_papers_and_a_second_sync_changes_nothing()
    {
        _server.AddDay(Day, HfJson.DailyItems(Day, 7));

        var first = await _bot.RunAsync("sync", "--date", "2025-10-02", "--json");
        var second = await _bot.RunAsync("sync", "--date", "2025-10-02", "--json");
        var papers = await _bot.RunAsync("papers", "--date", "2025-10-02", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(7, first.Json.GetProperty("added").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("added").GetInt32());
        Assert.Equal(0, second.Json.GetProperty("updated").GetInt32());
        Assert.Equal(7, papers.Json.GetProperty("count").GetInt32());
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
    public async Task Bad_periods_are_usage_errors_exit_1(string option, string value)
    {
        var result = await _bot.RunAsync("sync", option, value);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(_server.Requests);
    }
}
