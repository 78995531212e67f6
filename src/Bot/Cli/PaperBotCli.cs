using System.CommandLine;
using PaperBot.Bot.Commands;

namespace PaperBot.Bot.Cli;

/// <summary>The <c>paperbot</c> command line: one command per file under Commands/.</summary>
public static class PaperBotCli
{
    public static RootCommand Build() => new("PaperBot: answers questions about Hugging Face Daily Papers with a local model")
    {
        IngestCommand.Create(),
        SearchCommand.Create(),
        PapersCommand.Create(),
        ShowCommand.Create(),
        StatsCommand.Create(),
        SyncCommand.Create(),
        GenerateCommand.Create(),
        ModelsCommand.Create(),
        AskCommand.Create(),
        SummarizeCommand.Create(),
        EvalCommand.Create(),
        ChatCommand.Create(),
        DiscordCommand.Create(),
    };

    /// <summary>
    /// How to invoke the parsed command. The chat handles Ctrl+C itself (it stops an answer, not the process), so
    /// System.CommandLine's own handler is off for it. Elsewhere Ctrl+C/SIGTERM cancel the command, and the
    /// process is ended 30 s later rather than the default 2 s: the Discord bot needs that long to edit
    /// "shutting down" into running answers and close its gateway with 1000.
    /// </summary>
    public static InvocationConfiguration InvocationFor(ParseResult parse) => new()
    {
        ProcessTerminationTimeout = parse.CommandResult.Command.Name == ChatCommand.Name ? null : TimeSpan.FromSeconds(30),
    };
}
