using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Index;
using PaperBot.Rag.Watches;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>
/// <c>paperbot watch add|list|remove|show|check</c>: the local user's watches. Each <c>sync</c> prints what they
/// matched among the papers it added (<see cref="WatchAlerts"/>); <c>check</c> shows what one would match on any day.
/// </summary>
public static class WatchCommand
{
    public static Command Create() => new("watch", "Watch topics: each sync tells you about new papers on them")
    {
        Add(), List(), Remove(), Show(), Check(),
    };

    private static Command Add()
    {
        var topic = new Argument<string[]>("TOPIC") { Description = "The topic in plain words, e.g. making LLM agents use tools reliably", Arity = ArgumentArity.OneOrMore }.NonBlank();
        var must = new Option<string[]>("--must") { Description = "A word every match must contain (repeatable)", AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "A word no match may contain (repeatable)" };
        var author = new Option<string[]>("--author") { Description = "An author whose papers always match (repeatable)" };
        var org = new Option<string[]>("--org") { Description = "A Hugging Face organization (handle or name) whose papers always match (repeatable)" };
        var json = CommandRunner.JsonOption();
        var command = new Command("add", "Add a watch; it alerts on papers added to the index from now on") { topic, must, exclude, author, org, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            ctx.Index().EnsureWritable();
            var watch = ctx.Get<WatchStore>().Add(new WatchRequest(WatchOwner.Local, string.Join(' ', parse.GetValue(topic) ?? []))
            {
                Must = parse.GetValue(must) ?? [], Exclude = parse.GetValue(exclude) ?? [], Authors = parse.GetValue(author) ?? [], Organizations = parse.GetValue(org) ?? [],
            }, ctx.Get<TimeProvider>().GetUtcNow());
            if (ctx.Json)
            {
                ctx.Output.WriteJson(Json(watch, ctx));
            }
            else
            {
                ctx.Output.Results.MarkupLineInterpolated($"Added watch [bold]{watch.Id}[/]: {watch.Topic}");
                ctx.Output.Status.MarkupLineInterpolated($"[grey]Each 'paperbot sync' now lists the new papers on it; 'paperbot watch check {watch.Id}' shows what it would have matched on a past day.[/]");
            }

            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    private static Command List()
    {
        var json = CommandRunner.JsonOption();
        var command = new Command("list", "List your watches") { json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            ctx.Index(allowEmpty: true);
            var watches = ctx.Get<WatchStore>().List(WatchOwner.Local);
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new { count = watches.Count, watches = watches.Select(w => Json(w, ctx)) });
                return Task.FromResult(ExitCodes.Success);
            }

            if (watches.Count == 0)
            {
                ctx.Output.Results.MarkupLine("No watches yet: add one with 'paperbot watch add TOPIC'.");
                return Task.FromResult(ExitCodes.Success);
            }

            var ledger = ctx.Get<WatchLedger>();
            var table = new Table().AddColumns("Id", "Topic", "Rules", "Alerted", "State");
            foreach (var watch in watches)
            {
                table.AddRow(watch.Id, Markup.Escape(watch.Topic), Markup.Escape(WatchText.Rules(watch)),
                    ledger.DeliveredCount(watch.Id).ToString(CultureInfo.InvariantCulture), watch.Muted ? "muted" : "active");
            }

            ctx.Output.Results.Write(table);
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    private static Command Remove()
    {
        var id = IdArgument();
        var json = CommandRunner.JsonOption();
        var command = new Command("remove", "Remove a watch and its history") { id, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            ctx.Index(allowEmpty: true).EnsureWritable();
            var watch = Find(ctx, parse.GetValue(id));
            ctx.Get<WatchStore>().Remove(watch.Id);
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new { removed = watch.Id });
            }
            else
            {
                ctx.Output.Results.MarkupLineInterpolated($"Removed watch {watch.Id}: {watch.Topic}");
            }

            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var json = CommandRunner.JsonOption();
        var command = new Command("show", "Show a watch: its rules and the words it now looks for") { id, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            ctx.Index(allowEmpty: true);
            var watch = Find(ctx, parse.GetValue(id));
            if (ctx.Json)
            {
                ctx.Output.WriteJson(Json(watch, ctx));
                return Task.FromResult(ExitCodes.Success);
            }

            var looks = WatchText.Looks(WatchTerms.Current(ctx.Get<PaperLookup>(), watch));
            var lines = new List<string>
            {
                $"Topic: {watch.Topic}",
                $"Looks for: {string.Join(", ", looks.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} ({w.Value:0.0})")))}",
                watch.Tuned is null ? "Not tuned by feedback yet." : "Tuned by 👍/👎 feedback.",
                $"Alerted on {Plural.Of(ctx.Get<WatchLedger>().DeliveredCount(watch.Id), "paper")}; {(watch.Muted ? "muted" : "active")}.",
            };
            if (WatchText.Rules(watch) is { Length: > 0 } rules)
            {
                lines.Insert(1, $"Rules: {rules}");
            }

            ctx.Output.Results.Write(new Panel(Markup.Escape(string.Join('\n', lines))).Header($"watch {watch.Id}"));
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    private static Command Check()
    {
        var id = IdArgument();
        var date = CommandLineValues.DayOption("--date", "The day (YYYY-MM-DD); default: the latest day in the index");
        var json = CommandRunner.JsonOption();
        var command = new Command("check", "Show what a watch matches on one day (alerted before or not; nothing is recorded)") { id, date, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var store = ctx.Index();
            var watch = Find(ctx, parse.GetValue(id));
            var day = parse.GetValue(date) ?? store.LatestDay() ?? throw new UserInputException("the index has no dated papers; ingest some first");
            var matches = await ctx.Get<WatchRun>().CheckAsync(watch, day, token);
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new { watch = watch.Id, topic = watch.Topic, day, count = matches.Count, papers = matches.Select(WatchAlerts.Json) });
                return ExitCodes.Success;
            }

            ctx.Output.Results.MarkupLineInterpolated($"[bold]{watch.Id}[/] {watch.Topic} on {day:yyyy-MM-dd}: {Plural.Of(matches.Count, "paper")}");
            WatchAlerts.Write(ctx, matches);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Argument<string> IdArgument() => new Argument<string>("ID") { Description = "The watch's id (see 'paperbot watch list')" }.NonBlank();

    /// <summary>The local user's watch by that id: another owner's (a Discord user's) is not theirs to change from here.</summary>
    private static Watch Find(CommandContext ctx, string? id) =>
        ctx.Get<WatchStore>().Get(id ?? "") is { Owner.Kind: WatchOwnerKind.Local } watch
            ? watch
            : throw new UserInputException($"no watch '{id}' of yours; 'paperbot watch list' shows them");

    private static object Json(Watch watch, CommandContext ctx) => new
    {
        id = watch.Id,
        topic = watch.Topic,
        must = watch.Must,
        exclude = watch.Exclude,
        authors = watch.Authors,
        organizations = watch.Organizations,
        muted = watch.Muted,
        tuned = watch.Tuned is not null,
        looks_for = WatchText.Looks(WatchTerms.Current(ctx.Get<PaperLookup>(), watch)).ToDictionary(w => w.Key, w => Math.Round(w.Value, 3)),
        alerted = ctx.Get<WatchLedger>().DeliveredCount(watch.Id),
        created_at = watch.CreatedAt,
    };
}
