using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Watches;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>
/// <c>paperbot sync</c>: fetch Daily Papers from the Hugging Face API and ingest them; <c>--from/--to</c>
/// backfills a range of days, one listing per day, skipping days already fetched complete. The watches are then
/// matched against the papers the synced days added, and the local user's alerts printed.
/// </summary>
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
        var from = CommandLineValues.DayOption("--from", "Backfill: the first day (YYYY-MM-DD) of a range, fetched one day at a time");
        var to = CommandLineValues.DayOption("--to", "Backfill: the last day (YYYY-MM-DD, default: today)");
        var refresh = new Option<bool>("--refresh") { Description = "Backfill: fetch again the days already fetched complete" };
        var json = CommandRunner.JsonOption();
        var command = new Command("sync", "Fetch Daily Papers from the Hugging Face API and ingest them (default: today)") { date, days, week, month, from, to, refresh, json };
        // One period, or one --from/--to range (the two options together count as one choice).
        command.Validators.Add(result =>
        {
            var periods = new Option[] { date, days, week, month }.Count(o => result.GetResult(o) is { Implicit: false });
            var range = result.GetResult(from) is { Implicit: false } || result.GetResult(to) is { Implicit: false };
            if (periods + (range ? 1 : 0) > 1)
            {
                result.AddError("give only one of --date, --days, --week, --month, --from/--to");
            }
        });
        CommandLineValues.DayOrder(command, from, to);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var time = ctx.Get<TimeProvider>();
            if (parse.GetValue(from) is not null || parse.GetValue(to) is not null)
            {
                var range = Range(parse.GetValue(from), parse.GetValue(to), time);
                ctx.Index(allowEmpty: true).EnsureWritable();
                var backfill = await SyncBackfill.RunAsync(ctx, ctx.Get<PaperSync>(), range, parse.GetValue(refresh), token);
                Print(ctx, backfill.Synced, backfill.Skipped, await DecideAsync(ctx, backfill.Synced, token));
                return ExitCodes.Success;
            }

            if (parse.GetValue(refresh))
            {
                throw new UsageException("--refresh applies to a backfill (--from/--to)");
            }

            var periods = Periods(parse.GetValue(date), parse.GetValue(days), parse.GetValue(week), parse.GetValue(month), time);
            ctx.Index(allowEmpty: true).EnsureWritable();
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

            Print(ctx, results, [], await DecideAsync(ctx, results, token));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static List<DateOnly> Range(DateOnly? from, DateOnly? to, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var last = to ?? today;
        var first = from ?? last;
        if (first > last)
        {
            throw new UsageException($"the day range is empty: --from {first:yyyy-MM-dd} is after --to {last:yyyy-MM-dd}");
        }

        if (last > today)
        {
            throw new UsageException($"--to {last:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd} UTC)");
        }

        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
    }

    private static List<DailyPapersPeriod> Periods(DateOnly? date, int? days, string? week, string? month, TimeProvider time)
    {
        try
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return (date, days, week, month) switch
            {
                ({ } d, _, _, _) when d > today => throw new UsageException($"--date {d:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd} UTC)"),
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

    /// <summary>The watches' alerts for the days synced (a day listing that came back empty adds nothing to match).</summary>
    private static Task<IReadOnlyList<WatchAlert>> DecideAsync(CommandContext ctx, List<PeriodSync> results, CancellationToken cancellationToken)
    {
        var days = results.Where(r => r.Fetched > 0).SelectMany(r => DaysOf(r.Period)).Distinct().ToList();
        return days.Count == 0 ? Task.FromResult<IReadOnlyList<WatchAlert>>([]) : ctx.Get<WatchRun>().DecideAsync(days, cancellationToken);
    }

    private static IEnumerable<DateOnly> DaysOf(DailyPapersPeriod period)
    {
        var (first, last) = period.Days();
        return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays);
    }

    private static void Print(CommandContext ctx, List<PeriodSync> results, List<DateOnly> complete, IReadOnlyList<WatchAlert> alerts)
    {
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                periods = results.Select(r => new { period = r.Period.ToString(), fetched = r.Fetched, added = r.Added, updated = r.Updated, skipped = r.Warnings.Count }),
                fetched = results.Sum(r => r.Fetched),
                added = results.Sum(r => r.Added),
                updated = results.Sum(r => r.Updated),
                already_complete = complete,
                watches = alerts.Where(a => a.Watch.Owner.Kind == WatchOwnerKind.Local).Select(WatchAlerts.Json),
            });
            return;
        }

        if (complete.Count > 0)
        {
            ctx.Output.Results.MarkupLineInterpolated($"{Plural.Of(complete.Count, "day")} already complete, not fetched again (--refresh fetches them).");
        }

        var table = new Table().AddColumns("Period", "Fetched", "Added", "Updated");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Period.ToString()), r.Fetched.ToString(CultureInfo.InvariantCulture), r.Added.ToString(CultureInfo.InvariantCulture), r.Updated.ToString(CultureInfo.InvariantCulture));
        }

        ctx.Output.Results.Write(table);
        WatchAlerts.WriteAlerts(ctx, alerts);
    }
}
