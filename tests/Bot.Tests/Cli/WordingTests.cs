using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Counts as the real executable prints them: one of anything is singular ("1 paper", "1 file", "(1 upvote)"), and
/// ingest's summary adds up (every file ingested, already ingested or refused; every entry added, updated or unchanged).
/// </summary>
public sealed partial class WordingTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task One_paper_one_file_one_upvote_are_singular()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "incoming")).FullName;
        var item = JsonNode.Parse(HfJson.DailyItem("2605.00001", new DateOnly(2026, 5, 4), "A Lone Paper on Singular Counts", upvotes: 1))!;
        item["numComments"] = 1;
        item["paper"]!["githubRepo"] = "https://github.com/example/lone";
        item["paper"]!["githubStars"] = 1;
        await File.WriteAllTextAsync(Path.Combine(folder, "2026-05-04.json"), $"[{item.ToJsonString()}]");

        var first = await _bot.RunAsync("ingest", folder);
        var again = await _bot.RunAsync("ingest", folder);
        var papers = await _bot.RunAsync("papers", "--date", "2026-05-04");
        var show = await _bot.RunAsync("show", "2605.00001");
        var digest = await _bot.RunAsync("summarize", "--date", "2026-05-04", "--no-model");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("1 file: 1 ingested, 0 already ingested (skipped), 0 refused. 1 entry read: 1 paper added, 0 updated, 0 unchanged.", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 file: 0 ingested, 1 already ingested (skipped), 0 refused. 0 entries read: 0 papers added, 0 updated, 0 unchanged.", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 paper on 2026-05-04", papers.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 upvote · 1 comment", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://github.com/example/lone (1 star)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 paper in 1 theme", digest.Stdout, StringComparison.Ordinal);
        Assert.Contains("A Lone Paper on Singular Counts (1 upvote)", digest.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_counts_add_up_and_count_the_files_already_ingested()
    {
        var first = await _bot.RunAsync("ingest", TestPaths.SeedDirectory);
        var again = await _bot.RunAsync("ingest", TestPaths.SeedDirectory);

        Assert.True(first.ExitCode == 0, first.ToString());
        var counts = SummaryRegex().Match(first.Stdout);
        Assert.True(counts.Success, first.Stdout);
        int Count(string name) => int.Parse(counts.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(15, Count("files"));
        Assert.Equal(Count("files"), Count("ingested") + Count("already") + Count("refused"));
        Assert.Equal(841, Count("entries"));
        Assert.Equal(Count("entries"), Count("added") + Count("updated") + Count("unchanged"));
        Assert.Equal(791, Count("added"));
        Assert.Contains("15 files: 0 ingested, 15 already ingested (skipped), 0 refused.", again.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<files>\d+) files: (?<ingested>\d+) ingested, (?<already>\d+) already ingested \(skipped\), (?<refused>\d+) refused\. (?<entries>\d+) entries read: (?<added>\d+) papers added, (?<updated>\d+) updated, (?<unchanged>\d+) unchanged")]
    private static partial Regex SummaryRegex();
}
