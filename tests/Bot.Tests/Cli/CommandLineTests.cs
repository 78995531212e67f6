using System.Text.Json;

namespace PaperBot.Bot.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task First_command_seeds_the_index_and_stats_json_counts_entries_and_papers()
    {
        var result = await _bot.RunAsync("stats", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(841, result.Json.GetProperty("entries_read").GetInt64());
        Assert.Equal(791, result.Json.GetProperty("papers").GetInt64());
        Assert.Contains("sample corpus", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_json_returns_ranked_items_with_id_title_day_and_score()
    {
        var result = await _bot.RunAsync("search", "self-retrieval captioning", "--json", "--top", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = result.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("Self-Retrieval", items[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("2024-09-04", items[0].GetProperty("day").GetString());
        Assert.All(items, i => Assert.NotEqual(JsonValueKind.Null, i.GetProperty("id").ValueKind));
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Search_takes_words_as_typed_and_suggests_the_spelling_the_papers_use()
    {
        var typo = await _bot.RunAsync("search", "retreival", "--json");
        var shown = await _bot.RunAsync("search", "retreival");
        var spelled = await _bot.RunAsync("search", "retrieval", "--json");

        Assert.True(typo.ExitCode == 0, typo.ToString());
        Assert.Equal(0, typo.Json.GetProperty("count").GetInt32());
        Assert.Equal("retrieval", typo.Json.GetProperty("did_you_mean").GetString());
        Assert.Contains("Did you mean \"retrieval\"?", shown.Stdout, StringComparison.Ordinal);
        Assert.True(spelled.Json.GetProperty("count").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, spelled.Json.GetProperty("did_you_mean").ValueKind);
    }

    [Fact]
    public async Task Show_and_papers_print_json()
    {
        var search = await _bot.RunAsync("search", "InterBERT", "--json", "--top", "1");
        var id = search.Json.GetProperty("results")[0].GetProperty("id").GetString()!;

        var show = await _bot.RunAsync("show", id, "--json");
        var day = show.Json.GetProperty("day").GetString()!;
        var papers = await _bot.RunAsync("papers", "--date", day, "--json");

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith("InterBERT", show.Json.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(papers.Json.GetProperty("papers").EnumerateArray(), p => p.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData("show", "9999.99999")]
    [InlineData("ingest", "/nonexistent/file.txt")]
    public async Task Input_mistakes_exit_2_with_one_clear_line_and_no_stack_trace(params string[] args)
    {
        var result = await _bot.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", "x", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData("search")]
    [InlineData("papers", "--date", "2023-02-29")]
    [InlineData("papers", "--date", "yesterday")]
    [InlineData("search", "x", "--from", "2024-13-01")]
    public async Task Usage_mistakes_exit_1(params string[] args)
    {
        var result = await _bot.RunAsync(args);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_reports_each_bad_file_and_ingests_the_rest()
    {
        var folder = Path.Combine(_bot.Workspace, "incoming");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "a-empty.txt"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, "b-good.txt"), "SubscribeA Paper About Otters\nOtters hold hands while sleeping.\n");

        var result = await _bot.RunAsync("ingest", folder, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(1, result.Json.GetProperty("added").GetInt32());
        var failure = Assert.Single(result.Json.GetProperty("failures").EnumerateArray().ToList());
        Assert.EndsWith("a-empty.txt", failure.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Contains("a-empty.txt", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_configuration_names_the_key()
    {
        using var bot = new PaperBotProcess(""", "Data": { "DatabaseFile": "a/b.db" }""");

        var result = await bot.RunAsync("stats");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Data:DatabaseFile", result.Stderr, StringComparison.Ordinal);
    }
}
