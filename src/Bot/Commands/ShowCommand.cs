using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot show ID</c>: one paper.</summary>
public static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "An arXiv id (2510.01234, arXiv:2510.01234v2, an arXiv or HF link) or an id from search" }.NonBlank();
        var json = CommandRunner.JsonOption();
        var command = new Command("show", "Show one paper") { id, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            var key = parse.GetValue(id) ?? "";
            var paper = ctx.Index().Get(key) ?? throw new UserInputException($"no paper with id '{Shortened(key)}' in the index; find ids with 'paperbot search'");
            if (ctx.Json)
            {
                ctx.Output.WriteJson(PaperTable.Json(paper));
                return Task.FromResult(ExitCodes.Success);
            }

            var meta = string.Join('\n', PaperTable.Details(paper));
            ctx.Output.Results.Write(CliOutput.FillTerminal(
                new Panel(new Markup($"[grey]{Markup.Escape(meta)}[/]\n\n{Markup.Escape(paper.Abstract)}")).Header(Markup.Escape(paper.Title)), ctx.Output.Results));
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    /// <summary>What the user typed, echoed in at most one line: a pasted page or file is not printed back whole.</summary>
    private static string Shortened(string key)
    {
        var line = key.ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : $"{line[..60].TrimEnd()}… ({line.Length:N0} characters)";
    }
}
