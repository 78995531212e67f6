using System.CommandLine;
using System.CommandLine.Invocation;
using PaperBot.Bot.Cli;
using PaperBot.Bot.Commands;

namespace PaperBot.Bot.Commands;

/// <summary>The <c>paperbot</c> command line: one command per file under Commands/.</summary>
public static class PaperBotCli
{
    public static RootCommand Build() => new("PaperBot: answers questions about Hugging Face Daily Papers with a local model")
    {
        IngestCommand.Create(),
        SearchCommand.Create(),
        PapersCommand.Create(),
        ShowCommand.Create(),
        RelatedCommand.Create(),
        StatsCommand.Create(),
        SyncCommand.Create(),
        WatchCommand.Create(),
        GenerateCommand.Create(),
        ModelsCommand.Create(),
        AskCommand.Create(),
        SummarizeCommand.Create(),
        EvalCommand.Create(),
        ChatCommand.Create(),
        DiscordCommand.Create(),
    };

    /// <summary>
    /// Runs the command line: a usage mistake is reported here (<see cref="ReportUsageErrors"/>); anything else
    /// runs its command.
    /// </summary>
    public static Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        return parse.Action is ParseErrorAction ? Task.FromResult(ReportUsageErrors(parse)) : parse.InvokeAsync(InvocationFor(parse));
    }

    /// <summary>
    /// One "error:" line per mistake on stderr, each pointing at the command's help, and exit 1. Nothing goes to
    /// stdout, which stays for results (a script reading --json gets an empty document, not the help text). An
    /// unknown command is one mistake, not also "no command given".
    /// </summary>
    public static int ReportUsageErrors(ParseResult parse)
    {
        var output = CliOutput.ForConsole();
        var command = parse.CommandResult.Command;
        var name = command is RootCommand ? "paperbot" : $"paperbot {command.Name}";
        IEnumerable<string> errors = command is RootCommand
            ? [parse.UnmatchedTokens.Count == 0 ? "no command given" : Unknown(parse.UnmatchedTokens[0])]
            : parse.Errors.Select(e => e.Message.TrimEnd('.')).Distinct(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            output.Error($"{error} (see '{name} --help')");
        }

        return ExitCodes.Usage;
    }

    private static string Unknown(string token)
    {
        var shown = token.Length > 40 ? token[..40] + "…" : token;
        return token.StartsWith('-') ? $"unknown option '{shown}'" : $"unknown command '{shown}'";
    }

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
