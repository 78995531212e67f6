using System.CommandLine;
using System.Globalization;
using PaperBot.Bot.Cli;
using PaperBot.Rag.Answering.Evaluation;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Llm;
using Spectre.Console;
using PaperBot.Rag;

namespace PaperBot.Bot.Commands;

/// <summary>
/// <c>paperbot eval FILE.jsonl</c>: per split and kind of question, retrieval recall@5/@10 and MRR, the share of
/// answerable questions answered and of unanswerable ones declined, and the share of answers with the stated fact.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "JSON lines of {\"question\", \"kind\", \"split\", \"gold_titles\", \"answer_contains\"?, \"date\"?}" }.NonBlank();
        var noModel = new Option<bool>("--no-model") { Description = "Evaluate extractive answers, even with a model configured" };
        var json = CommandRunner.JsonOption();
        var command = new Command("eval", "Retrieval and answer metrics, per kind of question, over a JSONL file of questions") { file, noModel, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var questions = EvalSet.Load(Path.GetFullPath(parse.GetValue(file) ?? ""));
            ctx.Index();
            await EmbeddingProgressBar.RunAsync(ctx.Output.Status, ctx.Get<Retriever>(), token);
            // Taken before the first answer, which would carry it into a report that shows no answer's notices.
            var notice = parse.GetValue(noModel) ? null : ctx.Get<UnusableModelNotice>().Take();
            var report = await ctx.Get<AnswerEvaluator>().RunAsync(questions, parse.GetValue(noModel), token);
            Print(ctx, report, notice is null ? [] : [notice]);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static void Print(CommandContext ctx, EvalReport report, IReadOnlyList<string> notices)
    {
        if (ctx.Json)
        {
            ctx.Output.WriteJson(new
            {
                questions = report.Questions,
                mode = AnswerJson.Mode(report.Mode),
                retrieval = report.EmbeddingModel is null ? "keywords" : "hybrid",
                embedding_model = report.EmbeddingModel,
                notices,
                recall_at_5 = Math.Round(report.RecallAt5, 4),
                recall_at_10 = Math.Round(report.RecallAt10, 4),
                mrr = Math.Round(report.Mrr, 4),
                citations_valid_share = Math.Round(report.CitationsValidShare, 4),
                fact_share = Round(report.FactShare),
                mean_answer_ms = Math.Round(report.MeanAnswerTime.TotalMilliseconds, 2),
                groups = report.Groups.Select(g => new
                {
                    split = Name(g.Split), kind = Name(g.Kind), questions = g.Questions,
                    recall_at_5 = Round(g.RecallAt5), recall_at_10 = Round(g.RecallAt10), mrr = Round(g.Mrr),
                    answered_share = Round(g.AnsweredShare), declined_share = Round(g.DeclinedShare),
                    fact_share = Round(g.FactShare), shown_gold_share = Round(g.ShownGoldShare),
                    date_understood_share = Round(g.DateUnderstoodShare), shown_gold_share_date_in_question = Round(g.ShownWithDateInQuestion),
                }),
                outcomes = report.Outcomes.Select(o => new
                {
                    question = o.Question.Question, kind = Name(o.Question.Kind), split = Name(o.Question.Split),
                    first_gold_rank = o.FirstGoldRank, recall_at_5 = o.RecallAt5, recall_at_10 = o.RecallAt10,
                    answered = o.Answered, citations_valid = o.CitationsValid, contains_fact = o.ContainsFact,
                    shown_gold_share = o.ShownGoldShare, date_understood = o.DateUnderstood,
                    shown_gold_share_date_in_question = o.ShownWithDateInQuestion, answer = o.Answer,
                    outcome = Name(o.Outcome), probability = Math.Round(o.Probability, 4),
                    evidence = o.Evidence is { } e ? RelevanceEvidence.Names.Zip(e.Vector()).ToDictionary(f => f.First, f => Math.Round(f.Second, 4)) : null,
                    terms = o.TermWeights.ToDictionary(t => t.Key, t => Math.Round(t.Value, 3)),
                    top_candidates = o.TopCandidates.Select(c => new
                    {
                        title = c.Paper.Title, score = Math.Round(c.Score, 4), term_coverage = Math.Round(c.TermCoverage, 4),
                    }),
                }),
            });
            return;
        }

        foreach (var notice in notices)
        {
            ctx.Output.Status.MarkupLineInterpolated($"[grey]{notice}[/]");
        }

        var questions = CliOutput.FillTerminal(new Table(), ctx.Output.Results).AddColumns("Split", "Kind", "Rank", "Answered", "Fact", "Question");
        foreach (var outcome in report.Outcomes)
        {
            questions.AddRow(
                Name(outcome.Question.Split),
                Name(outcome.Question.Kind),
                outcome.Question.Answerable ? outcome.FirstGoldRank?.ToString(CultureInfo.InvariantCulture) ?? "[red]-[/]" : "",
                outcome.Answered == outcome.Question.Answerable ? (outcome.Answered ? "yes" : "declined") : (outcome.Answered ? "[red]yes[/]" : "[red]declined[/]"),
                outcome.ContainsFact switch { true => "yes", false => "[red]no[/]", null => "" },
                Markup.Escape(outcome.Question.Question));
        }

        ctx.Output.Results.Write(questions);
        var groups = new Table().AddColumns("Split", "Kind", "Questions", "recall@5", "recall@10", "MRR", "Answered", "Declined", "Fact", "Shown gold", "Date understood", "Shown, date in words");
        foreach (var g in report.Groups)
        {
            groups.AddRow(Name(g.Split), Name(g.Kind), g.Questions.ToString(CultureInfo.InvariantCulture),
                Format(g.RecallAt5), Format(g.RecallAt10), Format(g.Mrr), Format(g.AnsweredShare), Format(g.DeclinedShare), Format(g.FactShare), Format(g.ShownGoldShare),
                Format(g.DateUnderstoodShare), Format(g.ShownWithDateInQuestion));
        }

        ctx.Output.Results.Write(groups);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{Plural.Of(report.Questions, "question")} ({AnswerJson.Mode(report.Mode)}, {(report.EmbeddingModel is { } model ? "hybrid retrieval with " + model : "keyword retrieval")}): recall@5 {report.RecallAt5:0.000}, recall@10 {report.RecallAt10:0.000}, MRR {report.Mrr:0.000}, valid citations {report.CitationsValidShare:P0}, {report.MeanAnswerTime.TotalMilliseconds:0.0} ms per answer");
        var facts = report.FactShare is { } fact ? string.Create(CultureInfo.InvariantCulture, $", answers with the expected fact {fact:P0}") : "";
        ctx.Output.Results.WriteLine(summary + facts, Style.Plain);
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";
}
