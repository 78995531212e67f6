using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PaperBot.Bot.Tests.Cli;

public sealed class CrashSafetyTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task An_ingest_killed_mid_file_leaves_the_database_exactly_as_before_that_file()
    {
        Assert.Equal(0, (await _bot.RunAsync("stats")).ExitCode);
        var before = Fingerprint();
        var big = WriteLargePage(Path.Combine(_bot.Workspace, "big.txt"), entries: 400_000);

        using var process = Process.Start(_bot.StartInfo("ingest", big))!;
        await WaitForWritesInProgress(process);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.Equal(before, Fingerprint());
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
        Assert.Equal(791L, Scalar("SELECT count(*) FROM papers_fts"));
        var again = await _bot.RunAsync("stats", "--json");
        Assert.Equal(791, again.Json.GetProperty("papers").GetInt64());
    }

    /// <summary>Waits until the child has parsed the file and is writing its transaction (the WAL grows).</summary>
    private async Task WaitForWritesInProgress(Process process)
    {
        var wal = _bot.DatabasePath + "-wal";
        var baseline = File.Exists(wal) ? new FileInfo(wal).Length : 0;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the ingest finished before it could be killed; make the file bigger");
            if (File.Exists(wal) && new FileInfo(wal).Length > baseline + (4 << 20))
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the ingest never started writing");
    }

    private static string WriteLargePage(string path, int entries)
    {
        using var writer = new StreamWriter(path);
        writer.Write("Subscribe");
        for (var i = 0; i < entries; i++)
        {
            writer.Write($"Synthetic paper {i} on scaling laws\nWe measure scaling law number {i} across model sizes and datasets, and report the fitted exponents.\n");
        }

        return path;
    }

    private string Fingerprint() =>
        $"{Scalar("SELECT count(*) FROM papers")}|{Scalar("SELECT count(*) FROM sources")}|{Scalar("SELECT max(pid) FROM papers")}";

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_bot.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
