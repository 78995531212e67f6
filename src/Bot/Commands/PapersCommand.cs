using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>
/// <c>paperbot papers [--date D]</c>: the papers of one day; <c>papers --trending [--week W | --month M | --from D
/// --to D] [--top N]</c>: a period's most upvoted papers.
/// </summary>
public static class PapersCommand
{
    public static Command Create()
    {
        var date = CommandLineValues.DayOption("--date", "The day (YYYY-MM-DD); default: the latest day in the index");
        var trending = new Option<bool>("--trending") { Description = "A period's most upvoted papers (default: the week up to the latest day)" };
        var week = new Option<string?>("--week") { Description = "With --trending: an ISO week (YYYY-Www, e.g. 2026-W12)" };
        var month = new Option<string?>("--month") { Description = "With --trending: a month (YYYY-MM)" };
        var from = CommandLineValues.DayOption("--from", "With --trending: the first day (YYYY-MM-DD)");
        var to = CommandLineValues.DayOption("--to", "With --trending: the last day (YYYY-MM-DD); default: the latest day in the index");
        var top = new Option<int>("--top") { Description = "With --trending: how many papers", DefaultValueFactory = _ => TrendingPapers.DefaultTop }
            .InRange(1, SearchRequest.MaxTop);
        var json = CommandRunner.JsonOption();
        var command = new Command("papers", "List the papers of one day, or a period's most upvoted papers") { date, trending, week, month, from, to, top, json };
        CommandLineValues.DayOrder(command, from, to);
        command.Validators.Add(result =>
        {
            bool Given(Option option) => result.GetResult(option) is { Implicit: false };
            if (!Given(trending) && new Option[] { week, month, from, to, top }.Any(Given))
            {
                result.AddError("--week, --month, --from, --to and --top go with --trending");
            }
            else if (Given(trending) && Given(date))
            {
                result.AddError("use either --date or --trending");
            }
            else if (new[] { Given(week), Given(month), Given(from) || Given(to) }.Count(g => g) > 1)
            {
                result.AddError("give only one of --week, --month, --from/--to");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) => Task.FromResult(parse.GetValue(trending)
            ? Trending(ctx, Period(parse.GetValue(week), parse.GetValue(month), parse.GetValue(from), parse.GetValue(to)), parse.GetValue(top))
            : Day(ctx, parse.GetValue(date))), ct));
        return command;
    }

    private static int Day(CommandContext ctx, DateOnly? date)
    {
        var (day, papers, nearest) = DayListing.Of(ctx.Index(), date) ?? throw new UserInputException("the index has no dated papers; ingest some first");
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new { day, count = papers.Count, papers = papers.Select(PaperTable.Json), nearest_days = nearest });
            return ExitCodes.Success;
        }

        if (papers.Count == 0)
        {
            ctx.Output.Results.MarkupLineInterpolated($"[yellow]No papers on {day:yyyy-MM-dd}.[/] Nearest days with papers: {string.Join(", ", nearest.Select(n => n.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}");
            return ExitCodes.Success;
        }

        ctx.Output.Results.MarkupLineInterpolated($"[bold]{Plural.Of(papers.Count, "paper")} on {day:yyyy-MM-dd}[/]");
        ctx.Output.Results.Write(PaperTable.Of(papers, ctx.Output.Results));
        return ExitCodes.Success;
    }

    private static int Trending(CommandContext ctx, (DateOnly? From, DateOnly? To) period, int top)
    {
        var result = TrendingPapers.Of(ctx.Index(), period.From, period.To, top)
            ?? throw new UserInputException("the index has no dated papers; ingest some first");
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new { from = result.From, to = result.To, total = result.Total, papers = result.Papers.Select(PaperTable.Json) });
            return ExitCodes.Success;
        }

        if (result.Papers.Count == 0)
        {
            ctx.Output.Results.MarkupLineInterpolated($"[yellow]No papers from {result.Period}.[/]");
            return ExitCodes.Success;
        }

        ctx.Output.Results.MarkupLineInterpolated($"[bold]Trending {result.Period}: the {Plural.Of(result.Papers.Count, "most upvoted paper")} of {result.Total}[/]");
        ctx.Output.Results.Write(PaperTable.Trending(result.Papers, ctx.Output.Results));
        return ExitCodes.Success;
    }

    private static (DateOnly? From, DateOnly? To) Period(string? week, string? month, DateOnly? from, DateOnly? to)
    {
        try
        {
            return (week, month) switch
            {
                ({ } w, _) => DailyPapersPeriod.Week(w).Days(),
                (_, { } m) => DailyPapersPeriod.Month(m).Days(),
                _ => (from, to),
            };
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
