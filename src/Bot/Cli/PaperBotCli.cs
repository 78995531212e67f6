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
    };

    /// <summary>
    /// How to invoke the parsed command. The chat handles Ctrl+C itself (it stops an answer, not the process), so
    /// System.CommandLine's own handler, which cancels the command and ends the process after a timeout, is off
    /// for it.
    /// </summary>
    public static InvocationConfiguration InvocationFor(ParseResult parse) =>
        parse.CommandResult.Command.Name == ChatCommand.Name ? new InvocationConfiguration { ProcessTerminationTimeout = null } : new InvocationConfiguration();
}
