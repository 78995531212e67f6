using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot ingest [PATH...]</c>: read saved pages or API JSON into the index.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to ingest (default: the sample corpus, data/seed)", Arity = ArgumentArity.ZeroOrMore }.NonBlank();
        var asOf = CommandLineValues.DayOption("--as-of",
            "Reference date (YYYY-MM-DD) for page dates without a year; default: the latest day a file of the batch is named after, else each file's modification time (never after today)");
        var featuredOn = CommandLineValues.DayOption(
            "--featured-on", "The day (YYYY-MM-DD) the files were featured on, for papers that do not say and files whose name holds no date");
        var json = CommandRunner.JsonOption();
        var command = new Command("ingest", "Ingest saved Daily Papers pages, HF API JSON/JSONL files, or folders of them") { paths, asOf, featuredOn, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            var reference = parse.GetValue(asOf);
            var featured = parse.GetValue(featuredOn);
            var given = parse.GetValue(paths) ?? [];

            // A future day would file papers under it, and the latest day is every command's default.
            var today = DateOnly.FromDateTime(ctx.Get<TimeProvider>().GetUtcNow().UtcDateTime);
            foreach (var (option, day) in new[] { (asOf, reference), (featuredOn, featured) })
            {
                if (day > today)
                {
                    throw new UsageException($"{option.Name} {day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd} UTC)");
                }
            }

            // Refused before anything is read: a damaged or read-only index must not get half a batch.
            var store = ctx.Get<PaperStore>();
            store.EnsureWritable();
            store.EnsureIntact();
            var walk = CorpusWalker.Walk(given.Length > 0 ? given : [ctx.Get<PaperBotPaths>().SeedDirectory], ct);
            if (walk.Files.Count == 0 && walk.UnreadableFolders.Count == 0)
            {
                throw new UserInputException($"no .txt, .json or .jsonl files under {string.Join(", ", given)}");
            }

            var ingestor = ctx.Get<Ingestor>();
            var report = IngestProgressBar.Run(ctx.Output.Status, "Ingesting", p => ingestor.IngestFiles(walk.Files, reference, p, featured, ct));
            report = report with { Failures = [.. walk.UnreadableFolders, .. report.Failures] };
            Print(ctx, report, walk.LinksNotFollowed);
            return Task.FromResult(report.NotReached > 0 ? ctx.CancelledExitCode
                : report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InputError);
        }, ct));
        return command;
    }

    private static void Print(CommandContext ctx, IngestReport report, IReadOnlyList<CorpusWalkNote> links)
    {
        foreach (var link in links)
        {
            ctx.Output.Warning(link.ToString());
        }

        foreach (var warning in report.Warnings)
        {
            ctx.Output.Warning(warning.ToString());
        }

        foreach (var failure in report.Failures)
        {
            ctx.Output.Error(failure.Message);
        }

        foreach (var empty in report.Outcomes.Where(o => o.Entries == 0 && !o.AlreadyIngested))
        {
            ctx.Output.Status.MarkupLineInterpolated($"no papers in {empty.Path}");
        }

        if (report.NotReached > 0)
        {
            ctx.Output.Error(Cancelled(report));
        }

        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                files = report.Outcomes.Select(o => new
                {
                    path = o.Path, entries = o.Entries, added = o.Added, updated = o.Updated, guessed_days = o.GuessedDays, already_ingested = o.AlreadyIngested,
                }),
                entries = report.Entries,
                added = report.Added,
                updated = report.Updated,
                guessed_days = report.GuessedDays,
                warnings = report.Warnings.Select(w => new { path = w.Path, line = w.Line, message = w.Message }),
                failures = report.Failures.Select(f => new { path = f.Path, line = f.Line, message = f.Reason }),
                links_not_followed = links.Select(l => new { path = l.Path, message = l.Message }),
                not_reached = report.NotReached,
                rolled_back = report.RolledBack,
            });
            return;
        }

        var table = new Table().AddColumns("File", "Entries", "Added", "Updated");
        foreach (var o in report.Outcomes)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(o.Path)), o.AlreadyIngested ? "[grey]already ingested[/]" : o.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                o.Added.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Updated.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        ctx.Output.Results.Write(table);
        ctx.Output.Results.MarkupLineInterpolated($"{Summary(report)}");
        if (report.GuessedDays > 0)
        {
            ctx.Output.Results.MarkupLineInterpolated(
                $"{Plural.Of(report.GuessedDays, "paper")} got a guessed day (their publication date): their source gave no featured day; name the file after its day (2025-03-11.json) or pass --featured-on.");
        }
    }

    /// <summary>
    /// Counts that add up: every file is ingested, already ingested (skipped) or refused; every entry read is a
    /// paper added, updated or unchanged (already indexed as it is, or a repeat); entries that could not be read
    /// are counted apart.
    /// </summary>
    private static string Summary(IngestReport report)
    {
        var already = report.Outcomes.Count(o => o.AlreadyIngested);
        var files = report.Outcomes.Count + report.Failures.Count;
        var read = report.Outcomes.Where(o => !o.AlreadyIngested).ToList();
        var entries = read.Sum(o => o.Entries);
        var unchanged = entries - read.Sum(o => o.Added + o.Updated);
        return $"{Plural.Of(files, "file")}: {report.Outcomes.Count - already} ingested, {already} already ingested (skipped), {report.Failures.Count} refused. "
            + $"{Plural.Of(entries, "entry", "entries")} read: {Plural.Of(report.Added, "paper")} added, {report.Updated} updated, {unchanged} unchanged"
            + $"{(report.Warnings.Count > 0 ? $"; {Plural.Of(report.Warnings.Count, "entry", "entries")} skipped (see the warnings)" : "")}.";
    }

    /// <summary>What a cancelled ingest did not do, and how to finish it.</summary>
    private static string Cancelled(IngestReport report)
    {
        var after = report.RolledBack is null ? report.NotReached : report.NotReached - 1;
        var notReached = after == 1 ? "the 1 file not reached was not ingested" : $"the {after} files not reached were not ingested";
        var stopped = report.RolledBack is { } file
            ? $"cancelled while writing {file}: its changes were rolled back (nothing of it is in the index)" + (after > 0 ? $"; {notReached}" : "")
            : $"cancelled: stopped after {Plural.Of(report.Outcomes.Count + report.Failures.Count, "file")}; {notReached}";
        return stopped + " (run the same command again to finish: ingested files are skipped)";
    }
}
