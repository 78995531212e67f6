using System.Diagnostics;
using System.Text;
using PaperBot.TestSupport.Models;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Ctrl+C while the real executable streams a model answer (a tiny random-weight model writing a long answer):
/// the streamed part is marked incomplete, its sources are listed, and the exit code is 130.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX signals
public sealed class AskSignalTests : IDisposable
{
    private readonly PaperBotProcess _bot = new(
        """, "Llm": { "ContextSize": 32768, "Parallel": 1, "Threads": 1, "MaxAnswerTokens": 30000, "Temperature": 0 }""");

    public AskSignalTests()
    {
        var models = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "models")).FullName;
        RandomModelFactory.Write(Path.Combine(models, "tiny.gguf"),
            RandomModelSpec.TinyLlama() with { ContextLength = 32768 });
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Ctrl_C_mid_answer_marks_it_incomplete_lists_the_sources_and_exits_130()
    {
        Assert.Equal(0, (await _bot.RunAsync("stats")).ExitCode); // the index is built before the clock starts
        using var process = Process.Start(_bot.StartInfo("ask", "How many multiple choice questions does SEED-Bench have?"))!;
        var stdout = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[256];
            int read;
            while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (stdout)
                {
                    stdout.Append(buffer, 0, read);
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Length(stdout) < 40)
        {
            Assert.False(process.HasExited, $"the answer ended before it could be interrupted: {stdout}");
            Assert.True(DateTime.UtcNow < deadline, "the answer never started");
            await Task.Delay(20);
        }

        Assert.Equal(0, PosixSignals.Send(process.Id, PosixSignals.Interrupt));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await reading;

        var result = new CliResult(process.ExitCode, stdout.ToString(), await stderr);
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("[Incomplete answer: the answer was cancelled before it was finished.]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Sources given to the model:\n[1] ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("error: the answer was cancelled", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    private static int Length(StringBuilder text)
    {
        lock (text)
        {
            return text.Length;
        }
    }
}
