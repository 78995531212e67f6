using System.Diagnostics;
using System.Text;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM while a digest is written, sent to the real executable: the extractive digest of a
/// large day (20,000 papers, tens of seconds of work) and a model digest (a tiny random-weight model) stop at once
/// and exit 130 or 143; in the chat, Ctrl+C stops /summarize and the chat goes on.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX signals
public sealed class SummarizeSignalTests : IDisposable
{
    private const string LargeDay = "2024-06-03";

    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData(PosixSignals.Interrupt, 130)]
    [InlineData(PosixSignals.Terminate, 143)]
    public async Task A_signal_stops_the_extractive_digest_of_a_large_day_at_once(int signal, int exitCode)
    {
        await IngestLargeDayAsync();
        using var child = Child.Start(_bot.StartInfo("summarize", "--date", LargeDay, "--no-model"));
        await child.WaitForAsync(() => child.Stderr, "Writing the digest");

        var (result, afterSignal) = await child.SignalAsync(signal);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        // Without a check of the cancellation the digest runs to its end (exit 0), or SIGTERM ends it 30 s later.
        Assert.True(afterSignal < TimeSpan.FromSeconds(10), $"exited {afterSignal.TotalSeconds:0.0} s after the signal");
        Assert.Equal("", result.Stdout);
        Assert.Contains("error: cancelled", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task Ctrl_C_stops_a_chat_summarize_of_a_large_day_and_the_chat_goes_on()
    {
        await IngestLargeDayAsync();
        using var child = Child.Start(_bot.StartInfo("chat"));
        await child.Process.StandardInput.WriteLineAsync($"/summarize {LargeDay}");
        await child.WaitForAsync(() => child.Stdout, $"> /summarize {LargeDay}");

        Assert.Equal(0, PosixSignals.Send(child.Process.Id, PosixSignals.Interrupt));
        await child.WaitForAsync(() => child.Stdout, "(cancelled)", TimeSpan.FromSeconds(10));
        child.Process.StandardInput.Close();
        var (result, _) = await child.ExitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Extractive digest", result.Stdout, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Theory]
    [InlineData(PosixSignals.Interrupt, 130)]
    [InlineData(PosixSignals.Terminate, 143)]
    public async Task A_signal_stops_a_model_digest_with_the_exit_code_of_the_signal(int signal, int exitCode)
    {
        using var bot = new PaperBotProcess(
            """, "Llm": { "ContextSize": 32768, "Parallel": 1, "Threads": 1, "MaxAnswerTokens": 30000, "Temperature": 0 }""");
        var models = Directory.CreateDirectory(Path.Combine(bot.Workspace, "models")).FullName;
        RandomModelFactory.Write(Path.Combine(models, "tiny.gguf"), RandomModelSpec.TinyLlama() with { ContextLength = 32768 });
        Assert.Equal(0, (await bot.RunAsync("stats")).ExitCode); // the index is built before the clock starts
        using var child = Child.Start(bot.StartInfo("summarize"));
        await child.WaitForAsync(() => child.Stderr, "Writing the digest");

        var (result, _) = await child.SignalAsync(signal);

        // Not "the model failed" (exit 3): the digest was stopped, as an answer stopped by the signal is.
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains("error: the digest was cancelled before it was finished", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    private async Task IngestLargeDayAsync()
    {
        var ingest = await _bot.RunAsync("ingest", LargeListing.Write(_bot.Workspace, LargeDay, 20_000));
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
    }

    /// <summary>A running paperbot whose stdout and stderr are collected line by line.</summary>
    private sealed class Child : IDisposable
    {
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();

        private Child(Process process) => Process = process;

        public Process Process { get; }

        public string Stdout => Read(_stdout);

        public string Stderr => Read(_stderr);

        public static Child Start(ProcessStartInfo info)
        {
            var child = new Child(Process.Start(info)!);
            child.Process.OutputDataReceived += (_, e) => Append(child._stdout, e.Data);
            child.Process.ErrorDataReceived += (_, e) => Append(child._stderr, e.Data);
            child.Process.BeginOutputReadLine();
            child.Process.BeginErrorReadLine();
            return child;
        }

        public async Task WaitForAsync(Func<string> stream, string text, TimeSpan? within = null)
        {
            var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
            while (!stream().Contains(text, StringComparison.Ordinal))
            {
                Assert.False(Process.HasExited, $"exited before \"{text}\":\n{Stdout}\n{Stderr}");
                Assert.True(DateTime.UtcNow < deadline, $"no \"{text}\" in time:\n{Stdout}\n{Stderr}");
                await Task.Delay(20);
            }
        }

        /// <summary>Sends <paramref name="signal"/>, then waits for the exit: the result and how long it took.</summary>
        public async Task<(CliResult Result, TimeSpan AfterSignal)> SignalAsync(int signal)
        {
            Assert.Equal(0, PosixSignals.Send(Process.Id, signal));
            return await ExitAsync();
        }

        public async Task<(CliResult Result, TimeSpan Elapsed)> ExitAsync()
        {
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Process.WaitForExitAsync(timeout.Token);
            return (new CliResult(Process.ExitCode, Stdout, Stderr), clock.Elapsed);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }

        private static void Append(StringBuilder text, string? line)
        {
            if (line is not null)
            {
                lock (text)
                {
                    text.Append(line).Append('\n');
                }
            }
        }

        private static string Read(StringBuilder text)
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }
}
