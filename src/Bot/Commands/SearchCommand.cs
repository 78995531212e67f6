using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Index;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot search QUERY</c>: ranked papers with scores and a snippet.</summary>
public static class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("QUERY") { Description = "Words to look for in titles and abstracts" }.NonBlank();
        var top = new Option<int>("--top") { Description = $"How many results (1 to {SearchRequest.MaxTop})", DefaultValueFactory = _ => 10 }.InRange(1, SearchRequest.MaxTop);
        var from = CommandLineValues.DayOption("--from", "Only papers from this day on (YYYY-MM-DD)");
        var to = CommandLineValues.DayOption("--to", "Only papers up to this day (YYYY-MM-DD)");
        var json = CommandRunner.JsonOption();
        var command = new Command("search", "Search the indexed papers") { query, top, from, to, json };
        CommandLineValues.DayOrder(command, from, to);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, (ctx, _) =>
        {
            var request = new SearchRequest(parse.GetValue(query) ?? "", parse.GetValue(top), parse.GetValue(from), parse.GetValue(to));
            var store = ctx.Index();
            var hits = store.Search(request);
            Print(ctx, request, hits, QuestionSpelling.Correct(request.Query, store));
            return Task.FromResult(ExitCodes.Success);
        }, ct));
        return command;
    }

    private static void Print(CommandContext ctx, SearchRequest request, IReadOnlyList<SearchHit> hits, SpelledQuestion spelled)
    {
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                query = request.Query,
                did_you_mean = spelled.Suggestion is null ? null : spelled.Text,
                count = hits.Count,
                results = hits.Select(h => new
                {
                    id = h.Paper.Id,
                    arxiv_id = h.Paper.ArxivId,
                    title = h.Paper.Title,
                    day = h.Paper.Day,
                    score = Math.Round(h.Score, 4),
                    upvotes = h.Paper.Upvotes,
                    snippet = h.Snippet,
                    url = h.Paper.ArxivUrl,
                }),
            });
            return;
        }

        if (hits.Count == 0)
        {
            ctx.Output.Results.MarkupLine(QueryTerms.Extract(request.Query).Count == 0
                ? "[yellow]The query has no searchable words (only punctuation or very common words). Try a topic, method or dataset name.[/]"
                : "[yellow]No paper matches. Try other words, or widen --from/--to.[/]");
            Suggest(ctx, spelled);
            return;
        }

        var table = CliOutput.FillTerminal(new Table(), ctx.Output.Results).AddColumns("#", "Score", "Day", "Paper");
        var rank = 1;
        foreach (var hit in hits)
        {
            var snippet = Markup.Escape(hit.Snippet).Replace("**", "", StringComparison.Ordinal);
            table.AddRow(
                (rank++).ToString(CultureInfo.InvariantCulture),
                hit.Score.ToString("0.00", CultureInfo.InvariantCulture),
                hit.Paper.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                $"[bold]{Markup.Escape(hit.Paper.Title)}[/] [grey]{Markup.Escape(hit.Paper.Id)}[/]\n[grey]{snippet}[/]");
        }

        ctx.Output.Results.Write(table);
        Suggest(ctx, spelled);
    }

    /// <summary>Search takes its words as typed; a word no paper writes gets the spelling the papers use as a suggestion.</summary>
    private static void Suggest(CommandContext ctx, SpelledQuestion spelled)
    {
        if (spelled.Suggestion is { } suggestion)
        {
            ctx.Output.Results.MarkupLine($"[yellow]{Markup.Escape(suggestion)}[/]");
        }
    }
}
