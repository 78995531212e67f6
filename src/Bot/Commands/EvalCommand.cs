using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Answering.Evaluation;
using PaperBot.Rag.Answering.Retrieval;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot eval FILE.jsonl</c>: retrieval recall@5/@10 and MRR, and answer checks, over a question set.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "JSON lines of {\"question\", \"gold_titles\", \"answer_contains\"?}" };
        var noModel = new Option<bool>("--no-model") { Description = "Evaluate extractive answers, even with a model configured" };
        var json = CommandRunner.JsonOption();
        var command = new Command("eval", "Retrieval and citation metrics over a JSONL file of questions") { file, noModel, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var questions = EvalSet.Load(Path.GetFullPath(parse.GetValue(file) ?? ""));
            ctx.Index();
            await EmbeddingProgressBar.RunAsync(ctx.Output.Status, ctx.Get<Retriever>(), token);
            var report = await ctx.Get<AnswerEvaluator>().RunAsync(questions, parse.GetValue(noModel), token);
            Print(ctx, report);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static void Print(CommandContext ctx, EvalReport report)
    {
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                questions = report.Questions,
                mode = AnswerJson.Mode(report.Mode),
                recall_at_5 = Math.Round(report.RecallAt5, 4),
                recall_at_10 = Math.Round(report.RecallAt10, 4),
                mrr = Math.Round(report.Mrr, 4),
                citations_valid_share = Math.Round(report.CitationsValidShare, 4),
                fact_share = report.FactShare is { } f ? Math.Round(f, 4) : (double?)null,
                outcomes = report.Outcomes.Select(o => new
                {
                    question = o.Question, first_gold_rank = o.FirstGoldRank, recall_at_5 = o.RecallAt5, recall_at_10 = o.RecallAt10,
                    citations_valid = o.CitationsValid, contains_fact = o.ContainsFact,
                }),
            });
            return;
        }

        var table = new Table().Expand().AddColumns("Rank", "Fact", "Question");
        foreach (var outcome in report.Outcomes)
        {
            table.AddRow(
                outcome.FirstGoldRank?.ToString(CultureInfo.InvariantCulture) ?? "[red]-[/]",
                outcome.ContainsFact switch { true => "yes", false => "[red]no[/]", null => "" },
                Markup.Escape(outcome.Question));
        }

        ctx.Output.Results.Write(table);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{report.Questions} questions ({AnswerJson.Mode(report.Mode)}): recall@5 {report.RecallAt5:0.000}, recall@10 {report.RecallAt10:0.000}, MRR {report.Mrr:0.000}, valid citations {report.CitationsValidShare:P0}");
        var facts = report.FactShare is { } fact ? string.Create(CultureInfo.InvariantCulture, $", answers with the expected fact {fact:P0}") : "";
        ctx.Output.Results.WriteLine(summary + facts, Style.Plain);
    }
}
