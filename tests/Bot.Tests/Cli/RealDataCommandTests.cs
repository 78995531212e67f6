using System.Text.Json;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>ingest, papers and show on real archive files (tests/Rag.Tests/Corpus/HfArchive), as a user runs them.</summary>
public sealed class RealDataCommandTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task A_paper_featured_on_two_days_is_listed_on_both_and_show_gives_its_links_and_fields()
    {
        var folder = Folder("incoming");
        File.Copy(TestPaths.HfArchive("2026-04-10.json"), Path.Combine(folder, "2026-04-10.json"));
        File.Copy(TestPaths.HfArchive("2026-04-16.json"), Path.Combine(folder, "2026-04-16.json"));
        await File.WriteAllTextAsync(Path.Combine(folder, "2026-04-11.json"), "[]");

        var ingest = await _bot.RunAsync("ingest", folder, "--json");
        var april10 = await _bot.RunAsync("papers", "--date", "2026-04-10", "--json");
        var april16 = await _bot.RunAsync("papers", "--date", "2026-04-16", "--json");
        var show = await _bot.RunAsync("show", "2604.07429", "--json");
        var text = await _bot.RunAsync("show", "https://huggingface.co/papers/2604.07429");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        // Terminal lines wrap at 80 columns when redirected: the file is checked in the JSON, the line by its start.
        Assert.Contains("no papers in ", ingest.Stderr, StringComparison.Ordinal);
        var empty = ingest.Json.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.EndsWith("2026-04-11.json", StringComparison.Ordinal));
        Assert.Equal(0, empty.GetProperty("entries").GetInt32());
        Assert.Empty(ingest.Json.GetProperty("failures").EnumerateArray());
        Assert.Equal(Ids("2026-04-10.json"), PaperIds(april10));
        Assert.Equal(Ids("2026-04-16.json"), PaperIds(april16));
        var paper = show.Json;
        Assert.Equal(["2026-04-10", "2026-04-16"], paper.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("https://huggingface.co/papers/2604.07429", paper.GetProperty("hf_url").GetString());
        Assert.Equal("https://arxiv.org/abs/2604.07429", paper.GetProperty("url").GetString());
        Assert.Equal("https://arxiv.org/pdf/2604.07429", paper.GetProperty("pdf_url").GetString());
        var source = Item("2026-04-16.json", "2604.07429");
        Assert.Equal(Text(source.GetProperty("paper"), "githubRepo"), Text(paper, "github_repo"));
        Assert.Equal(source.GetProperty("numComments").GetInt32(), paper.GetProperty("num_comments").GetInt32());
        Assert.Equal(source.GetProperty("paper").GetProperty("ai_summary").GetString(), paper.GetProperty("ai_summary").GetString());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("https://huggingface.co/papers/2604.07429", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://arxiv.org/pdf/2604.07429", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("featured: 2026-04-10, 2026-04-16", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_without_a_day_in_its_name_reports_guessed_days_and_featured_on_fixes_them()
    {
        var ids = Ids("2025-03-11.json");
        var guessing = Folder("guessing");
        var told = Folder("told");
        File.Copy(TestPaths.HfArchive("2025-03-11.json"), Path.Combine(guessing, "listing.json"));
        var items = JsonDocument.Parse(await File.ReadAllTextAsync(TestPaths.HfArchive("2025-03-11.json"))).RootElement;
        // The same items in another file (another content hash): what --featured-on changes is seen on its own.
        await File.WriteAllTextAsync(Path.Combine(told, "listing.json"), JsonSerializer.Serialize(items.EnumerateArray().Reverse()));

        var guessed = await _bot.RunAsync("ingest", Path.Combine(guessing, "listing.json"));
        using var other = new PaperBotProcess();
        var featured = await other.RunAsync("ingest", Path.Combine(told, "listing.json"), "--featured-on", "2025-03-11", "--json");
        var day = await other.RunAsync("papers", "--date", "2025-03-11", "--json");

        Assert.True(guessed.ExitCode == 0, guessed.ToString());
        Assert.Contains($"{ids.Count} papers got a guessed day", guessed.Stdout, StringComparison.Ordinal);
        Assert.True(featured.ExitCode == 0, featured.ToString());
        Assert.Equal(0, featured.Json.GetProperty("guessed_days").GetInt32());
        Assert.Equal(ids, PaperIds(day));
    }

    [Fact]
    public async Task An_html_page_saved_as_json_exits_2_with_one_clear_line()
    {
        var folder = Folder("html");
        var path = Path.Combine(folder, "2026-04-13.json");
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html><body>Too many requests</body></html>");

        var result = await _bot.RunAsync("ingest", path, "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        var failure = Assert.Single(result.Json.GetProperty("failures").EnumerateArray().ToList());
        Assert.Equal("this is an HTML page, not Daily Papers API JSON or a saved Daily Papers page", failure.GetProperty("message").GetString());
        Assert.Equal(1, failure.GetProperty("line").GetInt32());
        Assert.Contains("error:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    private string Folder(string name)
    {
        var folder = Path.Combine(_bot.Workspace, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static List<string> Ids(string file) =>
        [.. JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive(file))).RootElement.EnumerateArray()
            .Select(i => i.GetProperty("paper").GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

    private static List<string> PaperIds(CliResult result) =>
        [.. result.Json.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];

    private static JsonElement Item(string file, string id) =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive(file))).RootElement.EnumerateArray()
            .Single(i => i.GetProperty("paper").GetProperty("id").GetString() == id);

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
