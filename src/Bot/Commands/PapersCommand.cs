using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot papers [--date D]</c>: the papers of one day.</summary>
public static class PapersCommand
{
    public static Command Create()
    {
        var date = CommandLineValues.DayOption("--date", "The day (YYYY-MM-DD); default: the latest day in the index");
        var json = CommandRunner.JsonOption();
        var command = new Command("papers", "List the papers of one day") { date, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            var store = ctx.Index();
            var day = parse.GetValue(date) ?? store.LatestDay()
                ?? throw new UserInputException("the index has no dated papers; ingest some first");
            var papers = store.PapersOfDay(day);
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new { day, count = papers.Count, papers = papers.Select(PaperTable.Json), nearest_days = papers.Count == 0 ? store.NearestDays(day, 5) : [] });
                return Task.FromResult(ExitCodes.Success);
            }

            if (papers.Count == 0)
            {
                var nearest = store.NearestDays(day, 5);
                ctx.Output.Results.MarkupLineInterpolated($"[yellow]No papers on {day:yyyy-MM-dd}.[/] Nearest days with papers: {string.Join(", ", nearest.Select(n => n.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}");
                return Task.FromResult(ExitCodes.Success);
            }

            ctx.Output.Results.MarkupLineInterpolated($"[bold]{Plural.Of(papers.Count, "paper")} on {day:yyyy-MM-dd}[/]");
            ctx.Output.Results.Write(PaperTable.Of(papers, ctx.Output.Results));
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }
}
