namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// <c>ingest FOLDER</c> on folders with symbolic-link loops and unreadable subfolders, through the real
/// executable: each real file once, loops reported, the readable rest ingested.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes and symbolic links as on Linux
public sealed class IngestWalkTests : IDisposable
{
    private readonly PaperBotProcess _bot = new() { AsOrdinaryUser = true };

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Links_to_the_folder_itself_and_to_its_parent_are_reported_and_each_file_is_read_once()
    {
        var corpus = CopySeed("corpus");
        Directory.CreateSymbolicLink(Path.Combine(corpus, "self"), ".");
        Directory.CreateDirectory(Path.Combine(corpus, "loop"));
        Directory.CreateSymbolicLink(Path.Combine(corpus, "loop", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(corpus, "again"), "pages");
        await File.WriteAllTextAsync(Path.Combine(corpus, "loop", "bad.txt"), "");

        var result = await _bot.RunAsync("ingest", corpus, "--json");

        Assert.True(result.ExitCode == 2, result.ToString()); // bad.txt is refused; nothing else is wrong
        var files = result.Json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToList();
        Assert.Equal(5, files.Count);
        Assert.All(files, f => Assert.StartsWith(Path.Combine(corpus, "pages") + "/", f, StringComparison.Ordinal));
        Assert.Equal(597, result.Json.GetProperty("entries").GetInt32());
        Assert.Single(result.Json.GetProperty("failures").EnumerateArray());
        var links = result.Json.GetProperty("links_not_followed").EnumerateArray().Select(l => l.GetProperty("path").GetString()!).Order().ToList();
        Assert.Equal([Path.Combine(corpus, "again"), Path.Combine(corpus, "loop", "up"), Path.Combine(corpus, "self")], links);
        Assert.Contains("a loop", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_subfolder_is_reported_and_the_files_beside_it_are_ingested()
    {
        var corpus = CopySeed("corpus");
        var locked = Path.Combine(corpus, "locked");
        Directory.CreateDirectory(locked);
        File.Copy(Directory.GetFiles(Path.Combine(corpus, "pages"))[0], Path.Combine(locked, "hidden.txt"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            var result = await _bot.RunAsync("ingest", corpus, "--json");

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Equal(5, result.Json.GetProperty("files").GetArrayLength());
            Assert.Equal(547, result.Json.GetProperty("added").GetInt32());
            var failure = Assert.Single(result.Json.GetProperty("failures").EnumerateArray());
            Assert.Equal(locked, failure.GetProperty("path").GetString());
            Assert.Contains($"error: {locked}: folder cannot be read", result.Stderr, StringComparison.Ordinal);
            CliAssert.NoStackTrace(result);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The five sample pages under FOLDER/pages.</summary>
    private string CopySeed(string name)
    {
        var folder = Path.Combine(_bot.Workspace, name);
        var pages = Directory.CreateDirectory(Path.Combine(folder, "pages")).FullName;
        foreach (var file in Directory.GetFiles(TestPaths.SeedDirectory, "*.txt"))
        {
            File.Copy(file, Path.Combine(pages, Path.GetFileName(file)));
        }

        return folder;
    }
}
