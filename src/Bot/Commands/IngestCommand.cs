using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Hosting;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot ingest [PATH...]</c>: read saved pages or API JSON into the index.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders to ingest (default: the sample corpus, data/seed)", Arity = ArgumentArity.ZeroOrMore };
        var asOf = new Option<string?>("--as-of") { Description = "Reference date (YYYY-MM-DD) for page dates without a year; default: each file's modification time" };
        var featuredOn = new Option<string?>("--featured-on")
        {
            Description = "The day (YYYY-MM-DD) the files were featured on, for papers that do not say and files whose name holds no date",
        };
        var json = CommandRunner.JsonOption();
        var command = new Command("ingest", "Ingest saved Daily Papers pages, HF API JSON/JSONL files, or folders of them") { paths, asOf, featuredOn, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            var reference = parse.GetValue(asOf) is { } a ? DayParser.Parse(a, "--as-of") : (DateOnly?)null;
            var featured = parse.GetValue(featuredOn) is { } f ? DayParser.Parse(f, "--featured-on") : (DateOnly?)null;
            var given = parse.GetValue(paths) ?? [];
            var files = Ingestor.ExpandPaths(given.Length > 0 ? given : [ctx.Get<PaperBotPaths>().SeedDirectory]);
            if (files.Count == 0)
            {
                throw new UserInputException($"no .txt, .json or .jsonl files under {string.Join(", ", given)}");
            }

            var ingestor = ctx.Get<Ingestor>();
            var report = IngestProgressBar.Run(ctx.Output.Status, "Ingesting", p => ingestor.IngestFiles(files, reference, p, featured, ct));
            Print(ctx, report);
            return Task.FromResult(report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InputError);
        }, ct));
        return command;
    }

    private static void Print(CommandContext ctx, IngestReport report)
    {
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
