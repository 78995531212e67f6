using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
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

            ctx.Output.Results.Write(CliOutput.FillTerminal(new Panel(Body(paper)).Header(Markup.Escape(paper.Title)), ctx.Output.Results));
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    /// <summary>The panel's text: the paper's details in grey, a blank line, the abstract.</summary>
    internal static UnwrappedLines Body(Paper paper)
    {
        var meta = string.Join('\n', PaperTable.Details(paper));
        var layout = new Markup($"[grey]{Markup.Escape(meta)}[/]\n\n{Markup.Escape(paper.Abstract)}");
        var grey = new Style(Color.Grey);
        return new UnwrappedLines(layout, [.. Lines(meta).Select(l => (l, grey)), ("", Style.Plain), .. Lines(paper.Abstract).Select(l => (l, Style.Plain))]);
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    /// <summary>What the user typed, echoed in at most one line: a pasted page or file is not printed back whole.</summary>
    private static string Shortened(string key)
    {
        var line = key.ReplaceLineEndings(" ");
        return line.Length <= 100 ? line : $"{line[..60].TrimEnd()}… ({line.Length:N0} characters)";
    }
}
