using PaperBot.Bot.Cli;
using PaperBot.Bot.Discord;
using PaperBot.Rag;
using PaperBot.Rag.Llm;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>The exit code of a failure follows the kind its exception carries, not a list of type names.</summary>
public sealed class FailureKindTests
{
    /// <summary>
    /// Exceptions that never reach a user as such: the GGUF reader's is an IOException that every reader of a model
    /// file turns into its own message, and an expired interaction only ends work that has nowhere to show.
    /// </summary>
    private static readonly HashSet<string> Internal = ["GgufFormatException", "InteractionExpiredException"];

    [Theory]
    [InlineData(FailureKind.Usage, ExitCodes.Usage)]
    [InlineData(FailureKind.Input, ExitCodes.InputError)]
    [InlineData(FailureKind.Runtime, ExitCodes.RuntimeFailure)]
    public void The_kind_decides_the_exit_code_and_the_message_is_shown_as_is(FailureKind kind, int exitCode)
    {
        var (code, message) = CommandRunner.Classify(new NewFailure(kind, "the file models/x.gguf is cut short"));

        Assert.Equal(exitCode, code);
        Assert.Equal("the file models/x.gguf is cut short", message);
    }

    [Fact]
    public void The_existing_failures_keep_their_exit_codes()
    {
        Assert.Equal(ExitCodes.Usage, CommandRunner.Classify(new UsageException("--top must be a whole number")).Code);
        Assert.Equal(ExitCodes.InputError, CommandRunner.Classify(new UserInputException("no paper with id x")).Code);
        Assert.Equal(ExitCodes.RuntimeFailure, CommandRunner.Classify(new ModelUnavailableException("the model server is down")).Code);
        Assert.StartsWith("unexpected failure (InvalidOperationException)", CommandRunner.Classify(new InvalidOperationException("bug")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_exception_of_the_project_belongs_to_the_family()
    {
        var outsiders = new[] { typeof(PaperBotException).Assembly, typeof(DiscordOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !typeof(PaperBotException).IsAssignableFrom(t) && !Internal.Contains(t.Name))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(outsiders);
    }

    private sealed class NewFailure(FailureKind kind, string message) : PaperBotException(kind, message);
}
