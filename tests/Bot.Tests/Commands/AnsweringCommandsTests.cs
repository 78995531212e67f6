using PaperBot.Bot.Cli;
using PaperBot.Bot.Tests.Cli;

namespace PaperBot.Bot.Tests.Commands;

/// <summary>ask, summarize and eval run through the real executable, host and index (the sample corpus in a private workspace).</summary>
public sealed class AnsweringCommandsTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Ask_json_gives_the_answer_its_mode_citations_papers_and_timings()
    {
        var result = await _bot.RunAsync("ask", "How many image-text pairs does the LAION-5B dataset contain?", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var root = result.Json;
        Assert.Equal("extractive", root.GetProperty("mode").GetString());
        Assert.Contains("5.85 billion", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("LAION-5B", root.GetProperty("citations")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("dropped_citations").GetInt32());
        Assert.True(root.GetProperty("papers").GetArrayLength() > 0);
        Assert.True(root.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
    }

    [Theory]
    [InlineData("QUESTION", "ask", "  ")]
    [InlineData("does not exist", "ask", "flows", "--date", "2025-02-30")]
    [InlineData("not both", "ask", "flows", "--date", "2025-02-03", "--from", "2025-01-01")]
    public async Task Bad_options_are_usage_errors_with_code_1(string expected, params string[] args)
    {
        var result = await _bot.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_a_day_without_papers_lists_the_nearest_days()
    {
        var result = await _bot.RunAsync("summarize", "--date", "2099-01-01", "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(0, result.Json.GetProperty("paper_count").GetInt32());
        Assert.Equal(5, result.Json.GetProperty("nearest_days").GetArrayLength());
    }

    [Fact]
    public async Task Eval_reports_recall_and_mrr_over_the_dev_set_per_split_and_kind()
    {
        var result = await _bot.RunAsync("eval", Path.Combine(TestPaths.RepoRoot, "eval", "dev.jsonl"), "--json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("keywords", result.Json.GetProperty("retrieval").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Json.GetProperty("embedding_model").ValueKind);
        Assert.True(result.Json.GetProperty("recall_at_5").GetDouble() >= 0.85);
        Assert.True(result.Json.GetProperty("mrr").GetDouble() >= 0.85);
        var groups = result.Json.GetProperty("groups").EnumerateArray().ToList();
        var lookups = Assert.Single(groups, g => g.GetProperty("split").GetString() == "check" && g.GetProperty("kind").GetString() == "lookup");
        Assert.True(lookups.GetProperty("fact_share").GetDouble() >= 0.85);
        var unanswerable = Assert.Single(groups, g => g.GetProperty("split").GetString() == "check" && g.GetProperty("kind").GetString() == "unanswerable");
        Assert.True(unanswerable.GetProperty("declined_share").GetDouble() >= 0.8);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unanswerable.GetProperty("recall_at_5").ValueKind);
    }
}
