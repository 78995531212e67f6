using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Hosting;
using PaperBot.Rag.Index;
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
            ctx.Output.Error($"cancelled: stopped after {report.Outcomes.Count + report.Failures.Count} files; the {report.NotReached} files not reached were not ingested (run the same command again to finish: ingested files are skipped)");
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
        ctx.Output.Results.MarkupLineInterpolated($"{report.Entries} entries read, {report.Added} papers added, {report.Updated} updated, {report.Warnings.Count} skipped, {report.Failures.Count} files refused.");
        if (report.GuessedDays > 0)
        {
            ctx.Output.Results.MarkupLineInterpolated(
                $"{report.GuessedDays} papers got a guessed day (their publication date): their source gave no featured day; name the file after its day (2025-03-11.json) or pass --featured-on.");
        }
    }
}
