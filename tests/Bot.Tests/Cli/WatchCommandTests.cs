using System.Text.Json;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Cli;

/// <summary><c>paperbot watch …</c> and the alerts <c>sync</c> prints, run as the real executable against a fake Hugging Face API serving a real day.</summary>
public sealed class WatchCommandTests : IAsyncLifetime
{
    private const string Day = "2025-09-30";
    private FakeHuggingFaceServer _server = null!;
    private PaperBotProcess _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHuggingFaceServer.StartAsync();
        _server.AddDay(new DateOnly(2025, 9, 30), [.. JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive($"{Day}.json"))).RootElement.EnumerateArray().Select(i => i.GetRawText())]);
        _bot = new PaperBotProcess($$""", "Papers": { "ApiBaseUrl": "{{_server.BaseUrl}}", "RetryBaseDelayMilliseconds": 10, "MaxRetries": 2 }""");
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_watch_added_before_a_sync_is_told_about_the_new_papers_on_its_topic_once()
    {
        var added = await _bot.RunAsync("watch", "add", "long", "video", "generation", "--json");
        var id = added.Json.GetProperty("id").GetString()!;

        var first = await _bot.RunAsync("sync", "--date", Day, "--json");
        var again = await _bot.RunAsync("sync", "--date", Day, "--json");
        var text = await _bot.RunAsync("watch", "check", id, "--date", Day);

        Assert.True(first.ExitCode == 0, first.ToString());
        var alert = Assert.Single(first.Json.GetProperty("watches").EnumerateArray());
        Assert.Equal(id, alert.GetProperty("watch").GetString());
        var papers = alert.GetProperty("papers").EnumerateArray().ToList();
        var rolling = Assert.Single(papers, p => p.GetProperty("id").GetString() == "2509.25161"); // Rolling Forcing: Autoregressive Long Video Diffusion
        Assert.Equal("https://huggingface.co/papers/2509.25161", rolling.GetProperty("hf_url").GetString());
        Assert.StartsWith("mentions ", rolling.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(".", rolling.GetProperty("sentence").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(papers, p => p.GetProperty("id").GetString() == "2509.25149"); // Pretraining LLMs with NVFP4
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.Json.GetProperty("watches").EnumerateArray());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Rolling Forcing", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_prints_the_alerts_under_the_table()
    {
        var id = (await _bot.RunAsync("watch", "add", "diffusion language models", "--json")).Json.GetProperty("id").GetString()!;

        var sync = await _bot.RunAsync("sync", "--date", Day);

        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Contains($"Watch {id} (diffusion language models):", sync.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://huggingface.co/papers/2509.24014", sync.Stdout, StringComparison.Ordinal); // SparseD: Sparse Attention for Diffusion Language Models
    }

    [Fact]
    public async Task List_show_and_remove_manage_the_watches_and_show_says_what_it_looks_for()
    {
        var id = (await _bot.RunAsync("watch", "add", "making LLM agents use tools reliably", "--exclude", "robot", "--author", "Jane Doe", "--json")).Json.GetProperty("id").GetString()!;

        var list = await _bot.RunAsync("watch", "list", "--json");
        var show = await _bot.RunAsync("watch", "show", id, "--json");
        var showText = await _bot.RunAsync("watch", "show", id);
        var removed = await _bot.RunAsync("watch", "remove", id);
        var gone = await _bot.RunAsync("watch", "show", id);

        Assert.Equal([id], list.Json.GetProperty("watches").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(["robot"], show.Json.GetProperty("exclude").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("tools", show.Json.GetProperty("looks_for").EnumerateObject().Select(p => p.Name));
        Assert.Contains("Rules: not: robot · by: Jane Doe", showText.Stdout, StringComparison.Ordinal);
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.True(gone.ExitCode == 2, gone.ToString());
        Assert.Contains($"no watch '{id}' of yours", gone.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "watch", "add", "the", "of", "and")]
    [InlineData(2, "watch", "check", "zzzz")]
    [InlineData(1, "watch", "add")]
    [InlineData(1, "watch", "check", "zzzz", "--date", "2025-02-30")]
    public async Task Mistakes_exit_with_the_documented_code_and_one_line(int code, params string[] args)
    {
        var result = await _bot.RunAsync(args);

        Assert.True(result.ExitCode == code, result.ToString());
        Assert.Contains("error:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
