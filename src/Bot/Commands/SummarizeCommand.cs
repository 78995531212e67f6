using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Answering.Digest;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>
/// <c>paperbot summarize [--date D | --week W | --month M | --from D --to D]</c>: the digest of one day's papers, or of a
/// week's, a month's or a range's.
/// </summary>
public static class SummarizeCommand
{
    /// <summary>A range given only its last day covers the week up to it.</summary>
    private const int DefaultRangeDays = 7;

    public static Command Create()
    {
        var date = CommandLineValues.DayOption("--date", "The day (YYYY-MM-DD); default: the latest day in the index");
        var week = new Option<string?>("--week") { Description = "The digest of an ISO week (YYYY-Www, e.g. 2026-W12)" };
        var month = new Option<string?>("--month") { Description = "The digest of a month (YYYY-MM)" };
        var from = CommandLineValues.DayOption("--from", "The digest of the days from this one (YYYY-MM-DD); default: a week before --to");
        var to = CommandLineValues.DayOption("--to", "The last day of the range (YYYY-MM-DD); default: the latest day in the index");
        var noModel = new Option<bool>("--no-model") { Description = "Write the extractive digest, even with a model configured" };
        var json = CommandRunner.JsonOption();
        var command = new Command("summarize", "The digest of one day's papers (or a week's, a month's): themes, citations, the most upvoted") { date, week, month, from, to, noModel, json };
        CommandLineValues.DayOrder(command, from, to);
        command.Validators.Add(result =>
        {
            bool Given(Option option) => result.GetResult(option) is { Implicit: false };
            if (new[] { Given(date), Given(week), Given(month), Given(from) || Given(to) }.Count(g => g) > 1)
            {
                result.AddError("give only one of --date, --week, --month, --from/--to");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var store = ctx.Index();
            var period = Period(parse.GetValue(week), parse.GetValue(month), parse.GetValue(from), parse.GetValue(to), store.LatestDay);
            // A large day or a model takes a while and nothing is printed before the end: say that it is under way.
            ctx.Output.Status.MarkupLine("[grey]Writing the digest (Ctrl+C stops it)...[/]");
            var result = await ctx.Get<DayDigest>().SummarizeAsync(new DigestRequest(parse.GetValue(date), parse.GetValue(noModel)) { Period = period }, token);
            // A digest the model did not finish because of Ctrl+C or SIGTERM exits as any cancelled command does.
            var failed = token.IsCancellationRequested ? ctx.CancelledExitCode : ExitCodes.RuntimeFailure;
            if (ctx.Json)
            {
                ctx.Output.WriteJson(AnswerJson.Of(result));
                return result.Complete ? ExitCodes.Success : failed;
            }

            foreach (var notice in result.Notices)
            {
                ctx.Output.Status.MarkupLineInterpolated($"[grey]{notice}[/]");
            }

            if (!result.Complete)
            {
                ctx.Output.Error(result.Failure ?? "the digest is incomplete");
            }
            else
            {
                ctx.Output.WriteText(result.Text);
                if (result.Cached)
                {
                    ctx.Output.Status.MarkupLine($"[grey](from the digest cache: the {(period is null ? "day's" : "period's")} papers have not changed)[/]");
                }
            }

            return result.Complete ? ExitCodes.Success : failed;
        }, ct));
        return command;
    }

    /// <summary>The week, month or range asked for; null for a day's digest. A malformed week or month is a usage error.</summary>
    private static DigestPeriod? Period(string? week, string? month, DateOnly? from, DateOnly? to, Func<DateOnly?> latestDay)
    {
        try
        {
            if (week is not null)
            {
                return DigestPeriod.Week(week);
            }

            if (month is not null)
            {
                return DigestPeriod.Month(month);
            }
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }

        if (from is null && to is null)
        {
            return null;
        }

        var last = to ?? latestDay() ?? throw new UserInputException("the index has no dated papers; ingest some first");
        return DigestPeriod.Range(from ?? last.AddDays(1 - DefaultRangeDays), last);
    }
}
