using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Ingestion;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>
/// <c>sync --from D --to D</c>: one day listing after another (each with the client's retries), a line per day and
/// a progress bar on an interactive terminal. Days already fetched complete are skipped unless refreshing.
/// </summary>
internal static class SyncBackfill
{
    public static async Task<(List<PeriodSync> Synced, List<DateOnly> Skipped)> RunAsync(
        CommandContext ctx, PaperSync sync, IReadOnlyList<DateOnly> days, bool refresh, CancellationToken cancellationToken)
    {
        var synced = new List<PeriodSync>();
        var skipped = new List<DateOnly>();
        var console = ctx.Output.Status;
        async Task Work(ProgressTask? bar)
        {
            foreach (var day in days)
            {
                var label = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (!refresh && sync.IsComplete(day))
                {
                    skipped.Add(day);
                    console.MarkupLineInterpolated($"[grey]{label}: already complete, skipped[/]");
                }
                else
                {
                    var result = await sync.SyncAsync(DailyPapersPeriod.Day(day), cancellationToken);
                    foreach (var warning in result.Warnings)
                    {
                        ctx.Output.Warning(warning.ToString());
                    }

                    synced.Add(result);
                    console.MarkupLineInterpolated($"{label}: {result.Fetched} fetched, {result.Added} added, {result.Updated} updated");
                }

                bar?.Increment(1);
            }
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            await Work(null);
        }
        else
        {
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(progress => Work(progress.AddTask($"Backfilling {Plural.Of(days.Count, "day")}", maxValue: days.Count)));
        }

        return (synced, skipped);
    }
}
