using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// <c>sync</c> and <c>discord</c> with nothing listening where the Hugging Face API and Discord should be (a closed
/// port on 127.0.0.1), logging as the repository's appsettings.json does: one short line per retry and no stack
/// trace; the Discord bot says once what it cannot reach and keeps trying.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX signals
public sealed class NetworkFailureTests
{
    [Fact]
    public async Task Sync_without_network_reports_each_retry_on_one_short_line_then_the_failure()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";
        using var bot = new PaperBotProcess(
            $$""", "Logging": { "LogLevel": { "Default": "Warning" } }, "Papers": { "ApiBaseUrl": "{{url}}", "RetryBaseDelayMilliseconds": 10, "MaxRetries": 2 }""");

        var result = await bot.RunAsync("sync", "--date", "2025-05-15");

        Assert.True(result.ExitCode == 3, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var retries = lines.Where(l => l.StartsWith("warn:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, l => Assert.Contains($"The Hugging Face API at {url} did not answer (Connection refused", l, StringComparison.Ordinal));
        Assert.Contains("retry 2 of 2", retries[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length < 300, l));
        Assert.Contains($"error: Could not reach the Hugging Face API at {url}", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Discord_without_network_says_once_what_it_cannot_reach_and_keeps_trying()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/api/v10";
        // The gateway's debug lines show the attempts that are not told at the default level.
        using var bot = new PaperBotProcess(
            $$""", "Logging": { "LogLevel": { "Default": "Warning", "PaperBot.Bot.Discord.Protocol.Gateway": "Debug" } }, "Discord": { "Token": "not-a-real-token", "ApplicationId": 1, "ApiBaseUrl": "{{url}}" }""");
        using var process = Process.Start(bot.StartInfo("discord"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new StringBuilder();
        var retried = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.Append(e.Data).Append('\n');
            }

            if (e.Data?.Contains("Discord still unreachable after 3 attempts", StringComparison.Ordinal) == true)
            {
                retried.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        try
        {
            await retried.Task.WaitAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(0, PosixSignals.Send(process.Id, PosixSignals.Interrupt));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        string errors;
        lock (stderr)
        {
            errors = stderr.ToString();
        }

        var result = new CliResult(process.ExitCode, await stdout, errors);
        Assert.True(result.ExitCode == 0, result.ToString());
        var warning = Assert.Single(errors.Split('\n'), l => l.StartsWith("warn:", StringComparison.Ordinal));
        Assert.Contains($"Cannot reach Discord at {url} (", warning, StringComparison.Ordinal);
        Assert.Contains("Connection refused", warning, StringComparison.Ordinal);
        Assert.True(warning.Length < 300, warning);
        CliAssert.NoStackTrace(result);
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on: one the system just gave out and took back.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
