namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// The integrity check runs once after each change of the index, not per command: the stamp it leaves
/// (paperbot.db-checked, rewritten after every scan) stays as it is while the index is unchanged, and damage written
/// after it is found by the next command all the same.
/// </summary>
public sealed class IntegrityStampTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    private string StampPath => _bot.DatabasePath + "-checked";

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Reading_commands_on_an_unchanged_index_do_not_scan_it_again()
    {
        // The first command fills the index from the sample corpus; the next one checks what that wrote.
        await Succeeds("stats");
        await Succeeds("stats");
        var stamp = Stamp();

        await Succeeds("stats");
        await Succeeds("search", "scaling");
        await Succeeds("stats", "--json");

        Assert.Equal(stamp, Stamp());
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task A_write_is_checked_once_by_the_next_command()
    {
        await Succeeds("stats");
        await Succeeds("stats");
        var before = Stamp();

        await Succeeds("ingest", TestPaths.HfArchive("2026-04-10.json"));
        await Succeeds("stats");
        var afterWrite = Stamp();
        await Succeeds("stats");

        Assert.NotEqual(before, afterWrite);
        Assert.Equal(afterWrite, Stamp());
    }

    [Fact]
    public async Task Damage_written_after_a_good_check_is_found_by_the_next_command()
    {
        await Succeeds("stats");
        await Succeeds("stats");
        var stamp = Stamp();
        await Succeeds("stats");
        Assert.Equal(stamp, Stamp());

        await using (var file = new FileStream(_bot.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Seek(file.Length / 2, SeekOrigin.Begin);
            file.Write(Enumerable.Repeat((byte)0xA5, 16 * 1024).ToArray());
        }

        var search = await _bot.RunAsync("search", "scaling");
        Assert.True(search.ExitCode == 2, search.ToString());
        Assert.Contains($"the index at {_bot.DatabasePath} is damaged", Assert.Single(search.ErrorLines), StringComparison.Ordinal);
        CliAssert.NoStackTrace(search);
    }

    private async Task Succeeds(params string[] args)
    {
        var result = await _bot.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result}");
    }

    /// <summary>The stamp's text and the time it was written: a scan rewrites it even when the text comes out the same.</summary>
    private (string Text, DateTime Written) Stamp()
    {
        Assert.True(File.Exists(StampPath), "no stamp after a good check");
        return (File.ReadAllText(StampPath), File.GetLastWriteTimeUtc(StampPath));
    }
}
