using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM during a long ingest, sent to the real executable: it stops at once, rolling back
/// the file being written, reports what was done and exits 130 or 143; the files it finished are in the index, the
/// rest are not.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX signals
public sealed class IngestSignalTests : IDisposable
{
    private const int Files = 24;
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData(2, 130)]
    [InlineData(15, 143)]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task A_signal_stops_the_ingest_between_files_and_reports_what_was_done(int signal, int exitCode)
    {
        var folder = WritePages();
        using var process = Process.Start(_bot.StartInfo("ingest", folder, "--json"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitForFirstFile(process);

        Assert.Equal(0, PosixSignals.Send(process.Id, signal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        var done = result.Json.GetProperty("files").GetArrayLength();
        var notReached = result.Json.GetProperty("not_reached").GetInt32();
        Assert.True(done >= 1 && notReached >= 1 && done + notReached == Files, result.ToString());
        // The signal lands inside a file (rolled back) or between two: either way that file is not ingested.
        var rolledBack = result.Json.GetProperty("rolled_back").ValueKind != JsonValueKind.Null;
        var after = rolledBack ? notReached - 1 : notReached;
        Assert.True(!rolledBack || result.Stderr.Contains("its changes were rolled back", StringComparison.Ordinal), result.ToString());
        if (after > 0)
        {
            Assert.Contains(after == 1 ? "the 1 file not reached was not ingested" : $"the {after} files not reached were not ingested", result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal((long)done, Scalar("SELECT count(*) FROM sources"));
        Assert.Equal(done * 2000L, Scalar("SELECT count(*) FROM papers"));
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));

        var rest = await _bot.RunAsync("ingest", folder, "--json");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(Files * 2000L, Scalar("SELECT count(*) FROM papers"));
    }

    [Theory]
    [InlineData(PosixSignals.Interrupt, 130)]
    [InlineData(PosixSignals.Terminate, 143)]
    public async Task A_signal_inside_one_large_file_rolls_it_back_says_so_and_exits_with_the_signal(int signal, int exitCode)
    {
        var listing = LargeListing.Write(_bot.Workspace, "2024-06-03", 20_000);
        using var process = Process.Start(_bot.StartInfo("ingest", listing, "--json"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The file is read twice (its hash, then its papers): past that the papers are being parsed or written, a
        // few seconds of work, all in the file's one transaction.
        await WaitForBytesRead(process, 2 * new FileInfo(listing).Length);

        Assert.Equal(0, PosixSignals.Send(process.Id, signal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal(listing, result.Json.GetProperty("rolled_back").GetString());
        Assert.Equal(1, result.Json.GetProperty("not_reached").GetInt32());
        Assert.Contains($"error: cancelled while writing {listing}: its changes were rolled back (nothing of it is in the index)", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM sources"));
        Assert.Equal(0L, Scalar("SELECT count(*) FROM papers"));
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
    }

    /// <summary>Waits until the child has read <paramref name="bytes"/> bytes (rchar of /proc/PID/io).</summary>
    private static async Task WaitForBytesRead(Process process, long bytes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the ingest ended before it could be interrupted");
            var io = await File.ReadAllLinesAsync($"/proc/{process.Id}/io");
            if (long.Parse(io.Single(l => l.StartsWith("rchar:", StringComparison.Ordinal))["rchar:".Length..], System.Globalization.CultureInfo.InvariantCulture) >= bytes)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the ingest never read its file");
    }

    /// <summary>Pages of 2,000 distinct synthetic papers each: about half a second of work per file.</summary>
    private string WritePages()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "pages")).FullName;
        for (var f = 0; f < Files; f++)
        {
            using var writer = new StreamWriter(Path.Combine(folder, $"page-{f:00}.txt"));
            writer.Write("Subscribe");
            for (var i = 0; i < 2000; i++)
            {
                writer.Write($"Synthetic paper {f}-{i} on scaling laws\nWe measure scaling law {f}-{i} across model sizes and report the fitted exponents.\n");
            }
        }

        return folder;
    }

    private async Task WaitForFirstFile(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the ingest ended before it could be interrupted");
            if (File.Exists(_bot.DatabasePath) && Scalar("SELECT count(*) FROM sources") is long and > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the ingest never stored a file");
    }

    private object? Scalar(string sql)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={_bot.DatabasePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
        catch (SqliteException)
        {
            return null; // the schema is still being created
        }
    }
}
