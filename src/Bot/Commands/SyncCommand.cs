using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot sync</c>: fetch Daily Papers from the Hugging Face API and ingest them.</summary>
public static class SyncCommand
{
    /// <summary>More days than this in one --days sync is almost certainly a typo (and many requests).</summary>
    private const int MaxDays = 366;

    public static Command Create()
    {
        var date = CommandLineValues.DayOption("--date", "One day (YYYY-MM-DD)");
        var days = new Option<int?>("--days") { Description = $"The last N days, today included (1 to {MaxDays})" }.InRange(1, MaxDays);
        var week = new Option<string?>("--week") { Description = "An ISO week (YYYY-Www, e.g. 2025-W40)" };
        var month = new Option<string?>("--month") { Description = "A month (YYYY-MM)" };
        var json = CommandRunner.JsonOption();
        var command = new Command("sync", "Fetch Daily Papers from the Hugging Face API and ingest them (default: today)") { date, days, week, month, json };
        CommandLineValues.OneOf(command, date, days, week, month);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var periods = Periods(parse.GetValue(date), parse.GetValue(days), parse.GetValue(week), parse.GetValue(month), ctx.Get<TimeProvider>());
            ctx.Index().EnsureWritable();
            var sync = ctx.Get<PaperSync>();
            var results = new List<PeriodSync>();
            foreach (var period in periods)
            {
                ctx.Output.Status.MarkupLineInterpolated($"[grey]Fetching {period}...[/]");
                var synced = await sync.SyncAsync(period, token);
                foreach (var warning in synced.Warnings)
                {
                    ctx.Output.Warning(warning.ToString());
                }

                results.Add(synced);
            }

            Print(ctx, results);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static List<DailyPapersPeriod> Periods(DateOnly? date, int? days, string? week, string? month, TimeProvider time)
    {
        try
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return (date, days, week, month) switch
            {
                ({ } d, _, _, _) => [DailyPapersPeriod.Day(d)],
                (_, { } n, _, _) => Enumerable.Range(0, n).Select(i => DailyPapersPeriod.Day(today.AddDays(-i))).ToList(),
                (_, _, { } w, _) => [DailyPapersPeriod.Week(w)],
                (_, _, _, { } m) => [DailyPapersPeriod.Month(m)],
                _ => [DailyPapersPeriod.Day(today)],
            };
        }
        catch (ArgumentException e)
        {
            // A --week or --month the period parser refuses: the command line is wrong.
            throw new UsageException(e.Message, e);
        }
    }

    private static void Print(CommandContext ctx, List<PeriodSync> results)
    {
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                periods = results.Select(r => new { period = r.Period.ToString(), fetched = r.Fetched, added = r.Added, updated = r.Updated, skipped = r.Warnings.Count }),
                fetched = results.Sum(r => r.Fetched),
                added = results.Sum(r => r.Added),
                updated = results.Sum(r => r.Updated),
            });
            return;
        }

        var table = new Table().AddColumns("Period", "Fetched", "Added", "Updated");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Period.ToString()), r.Fetched.ToString(CultureInfo.InvariantCulture), r.Added.ToString(CultureInfo.InvariantCulture), r.Updated.ToString(CultureInfo.InvariantCulture));
        }

        ctx.Output.Results.Write(table);
    }
}
