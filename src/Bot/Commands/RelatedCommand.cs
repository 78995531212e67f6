using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Answering.Retrieval;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot related ID [--top N] [--from D] [--to D]</c>: the papers most related to one paper.</summary>
public static class RelatedCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The paper: an arXiv id (2510.01234, arXiv:2510.01234v2, an arXiv or HF link) or an id from search" }.NonBlank();
        var top = new Option<int>("--top") { Description = "How many related papers", DefaultValueFactory = _ => RelatedPapers.DefaultTop }
            .InRange(1, RelatedPapers.MaxTop);
        var from = CommandLineValues.DayOption("--from", "Only papers filed from this day (YYYY-MM-DD)");
        var to = CommandLineValues.DayOption("--to", "Only papers filed up to this day (YYYY-MM-DD)");
        var json = CommandRunner.JsonOption();
        var command = new Command("related", "The papers most related to one paper: nearest abstracts with an embedding model, else shared key words") { id, top, from, to, json };
        CommandLineValues.DayOrder(command, from, to);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            ctx.Index();
            await EmbeddingProgressBar.RunAsync(ctx.Output.Status, ctx.Get<Retriever>(), token);
            var result = await ctx.Get<RelatedPapers>().FindAsync(parse.GetValue(id) ?? "", parse.GetValue(top), parse.GetValue(from), parse.GetValue(to), token);
            if (ctx.Json)
            {
                ctx.Output.WriteJson(new
                {
                    paper = PaperTable.Json(result.Paper),
                    method = result.ByEmbeddings ? "embeddings" : "keywords",
                    related = result.Related.Select(r => new { paper = PaperTable.Json(r.Paper), score = r.Score, similarity = r.Similarity, shared = r.Shared, reason = r.Reason }),
                });
                return ExitCodes.Success;
            }

            ctx.Output.Results.MarkupLineInterpolated($"[bold]Related to {result.Paper.Title}[/] [grey]({result.Paper.Id}; {(result.ByEmbeddings ? "nearest abstracts" : "shared key words")})[/]");
            if (result.Related.Count == 0)
            {
                ctx.Output.Results.MarkupLine("[yellow]No related papers in the index" + (parse.GetValue(from) is null && parse.GetValue(to) is null ? "." : " for those days.") + "[/]");
                return ExitCodes.Success;
            }

            ctx.Output.Results.Write(PaperTable.Related(result.Related, ctx.Output.Results));
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
