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
        DiscordCommand.Create(),
    };
}
