using System.Diagnostics;
using PaperBot.Bot.Cli;
using PaperBot.Bot.Tests.Cli;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>
/// The real executable with questions piped in: plain output, follow-ups, commands, exit at end of input (a closed
/// stdin included), and the exit codes of Ctrl+C and SIGTERM at the prompt.
/// </summary>
public sealed class ChatProcessTests : IDisposable
{
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Piped_questions_get_plain_answers_and_the_chat_exits_at_end_of_input()
    {
        var result = await _bot.RunWithInputAsync("How many image-text pairs does LAION-5B contain?\nand who made it?\n/papers 2024-12-16\n/nope\n", "chat");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("> How many image-text pairs does LAION-5B contain?", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("5.85 billion", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("> and who made it?", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+ papers? on 2024-12-16", result.Stdout);
        Assert.Contains("unknown command /nope — type /help", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("extractive mode", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_stdin_is_the_end_of_input()
    {
        Assert.Equal(0, (await _bot.RunAsync("stats")).ExitCode); // the index is built before the clock starts
        var info = _bot.StartInfo("chat");
        // sh closes fd 0 before it runs paperbot: the runtime then takes fd 0 for a pipe of its own.
        List<string> command = [info.FileName, .. info.ArgumentList];
        info.FileName = "sh";
        info.ArgumentList.Clear();
        foreach (var part in (string[])["-c", "exec \"$@\" <&-", "sh", .. command])
        {
            info.ArgumentList.Add(part);
        }

        info.RedirectStandardInput = false;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var result = new CliResult(process.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("one question per line", result.Stderr, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // POSIX signals
    [Theory]
    [InlineData(PosixSignals.Interrupt, ExitCodes.Cancelled)]
    [InlineData(PosixSignals.Terminate, ExitCodes.Terminated)]
    public async Task A_signal_at_the_prompt_ends_the_chat_with_its_exit_code(int signal, int exitCode)
    {
        using var process = Process.Start(_bot.StartInfo("chat"))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        var banner = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data?.Contains("one question per line", StringComparison.Ordinal) == true)
            {
                banner.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        await banner.Task.WaitAsync(TimeSpan.FromSeconds(90)); // at the prompt: stdin stays open, nothing typed

        Assert.Equal(0, PosixSignals.Send(process.Id, signal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        string errors;
        lock (stderr)
        {
            errors = stderr.ToString();
        }

        var result = new CliResult(process.ExitCode, await stdout, errors);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        CliAssert.NoStackTrace(result);
    }
}
