using PaperBot.Bot.Cli;
using PaperBot.Bot.Tests.Cli;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>The real executable with questions piped in: plain output, follow-ups, commands, exit at end of input.</summary>
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
}
