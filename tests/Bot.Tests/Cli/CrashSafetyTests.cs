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

    /// <summary>
    /// Waits until the child has parsed the file and is writing its transaction: it then holds SQLite's write lock
    /// (the ingest's transaction begins IMMEDIATE), which another connection sees as busy. The WAL is no signal: while
    /// the ingest's page cache holds the writes, the WAL grows only as the transaction commits, too late to kill it.
    /// </summary>
    private async Task WaitForWritesInProgress(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the ingest finished before it could be killed; make the file bigger");
            if (WriterHoldsTheLock())
            {
                // Some pages written, and still writing: 400,000 entries take seconds to write on any machine.
                await Task.Delay(300);
                Assert.True(WriterHoldsTheLock(), "the ingest's transaction ended before it could be killed; make the file bigger");
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the ingest never started writing");
    }

    private bool WriterHoldsTheLock()
    {
        using var connection = new SqliteConnection($"Data Source={_bot.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // Microsoft.Data.Sqlite retries a busy statement until the command's timeout: one second says "busy".
        command.CommandTimeout = 1;
        command.CommandText = "BEGIN IMMEDIATE;";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            return true;
        }

        command.CommandText = "ROLLBACK;";
        command.ExecuteNonQuery();
        return false;
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
