namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// <c>related</c> and the chat's <c>/related</c> through the real executable over the sample corpus's real API days
/// (2026-03-10 to 2026-03-23), without an embedding model: the more-like-this keyword query.
/// </summary>
public sealed class RelatedCommandTests : IDisposable
{
    /// <summary>"Streaming Autoregressive Video Generation via Diagonal Distillation" (2026-03-11).</summary>
    private const string StreamingVideo = "2603.09488";

    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Related_lists_other_papers_on_the_topic_with_their_day_and_what_they_share()
    {
        var json = await _bot.RunAsync("related", "arXiv:" + StreamingVideo, "--top", "5", "--from", "2026-03-16", "--to", "2026-03-23", "--json");
        var table = await _bot.RunAsync("related", StreamingVideo, "--top", "3");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(StreamingVideo, json.Json.GetProperty("paper").GetProperty("id").GetString());
        Assert.Equal("keywords", json.Json.GetProperty("method").GetString());
        var related = json.Json.GetProperty("related").EnumerateArray().ToList();
        Assert.Equal(5, related.Count);
        Assert.All(related, r => Assert.NotEqual(StreamingVideo, r.GetProperty("paper").GetProperty("id").GetString()));
        Assert.All(related, r => Assert.InRange(r.GetProperty("paper").GetProperty("day").GetString()!, "2026-03-16", "2026-03-23"));
        Assert.All(related, r => Assert.StartsWith("shares ", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Contains(related, r => r.GetProperty("paper").GetProperty("title").GetString()!.Contains("Video", StringComparison.Ordinal));
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Related to Streaming Autoregressive Video Generation via Diagonal Distillation", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("HiAR: Efficient Autoregressive Long Video Generation", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_and_a_bad_top_are_one_line_errors()
    {
        var unknown = await _bot.RunAsync("related", "2699.99999");
        var badTop = await _bot.RunAsync("related", StreamingVideo, "--top", "0");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no paper with id '2699.99999' in the index", unknown.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(unknown);
        Assert.Equal(1, badTop.ExitCode);
        Assert.Contains("--top must be between 1 and 50", badTop.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_lists_related_papers_and_explains_its_usage()
    {
        var chat = await _bot.RunWithInputAsync($"/related {StreamingVideo}\n/related\n/related 2699.99999\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Contains("Related to Streaming Autoregressive Video Generation via Diagonal Distillation (shared key words):", chat.Stdout, StringComparison.Ordinal);
        Assert.Matches(@" 1\. HiAR: Efficient Autoregressive Long Video Generation via Hierarchical Denoising \(2026-03-10, 2603\.08703\) — shares ", chat.Stdout);
        Assert.Matches(@"10\. .+ \(2026-03-\d\d, \d{4}\.\d{5}\) — shares ", chat.Stdout);
        Assert.Contains("usage: /related ID", chat.Stdout + chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("no paper with id '2699.99999'", chat.Stdout + chat.Stderr, StringComparison.Ordinal);
    }
}
