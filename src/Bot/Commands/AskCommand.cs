using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Retrieval;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot ask QUESTION</c>: a grounded answer with citations, streamed as it is written.</summary>
public static class AskCommand
{
    public static Command Create()
    {
        var question = new Argument<string>("QUESTION") { Description = "The question, in quotes" }.NonBlank();
        var date = CommandLineValues.DayOption("--date", "Only papers of this day (YYYY-MM-DD)");
        var from = CommandLineValues.DayOption("--from", "Only papers from this day on (YYYY-MM-DD)");
        var to = CommandLineValues.DayOption("--to", "Only papers up to this day (YYYY-MM-DD)");
        var noModel = new Option<bool>("--no-model") { Description = "Answer extractively from the abstracts, even with a model configured" };
        var json = CommandRunner.JsonOption();
        var command = new Command("ask", "Answer a question from the indexed papers, with citations") { question, date, from, to, noModel, json };
        CommandLineValues.DayOrder(command, from, to);
        command.Validators.Add(result =>
        {
            if (result.GetResult(date) is { Implicit: false } && (result.GetResult(from) is { Implicit: false } || result.GetResult(to) is { Implicit: false }))
            {
                result.AddError("use either --date or --from/--to, not both");
            }
        });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var day = parse.GetValue(date);
            var request = new AnswerRequest(parse.GetValue(question) ?? "")
            {
                NoModel = parse.GetValue(noModel),
                From = day ?? parse.GetValue(from),
                To = day ?? parse.GetValue(to),
            };

            ctx.Index();
            await EmbeddingProgressBar.RunAsync(ctx.Output.Status, ctx.Get<Retriever>(), token);
            var answerer = ctx.Get<Answerer>();
            var result = ctx.Json ? await answerer.AskAsync(request, token) : await StreamAsync(ctx, answerer, request, token);
            if (ctx.Json)
            {
                ctx.Output.WriteJson(AnswerJson.Of(result));
            }

            return result.Complete ? ExitCodes.Success : token.IsCancellationRequested ? ctx.CancelledExitCode : ExitCodes.RuntimeFailure;
        }, ct));
        return command;
    }

    /// <summary>
    /// Writes the answer as it arrives (its citations already numbered as the sources list below), then the checked
    /// ending: sources, and what was removed or cut.
    /// </summary>
    private static async Task<AnswerResult> StreamAsync(CommandContext ctx, Answerer answerer, AnswerRequest request, CancellationToken cancellationToken)
    {
        AnswerResult? result = null;
        await foreach (var update in answerer.StreamAsync(request, cancellationToken))
        {
            if (update.Delta is { } delta)
            {
                ctx.Output.WriteRaw(delta);
            }

            result = update.Result ?? result;
        }

        ctx.Output.WriteText("");
        foreach (var notice in result!.Notices)
        {
            ctx.Output.Status.MarkupLineInterpolated($"[grey]{notice}[/]");
        }

        if (!result.Complete)
        {
            // The streamed part stays on screen: mark it, and list the papers it was written from.
            var failure = result.Failure ?? "the answer is incomplete";
            ctx.Output.WriteText($"\n[Incomplete answer: {failure}.]");
            if (result.Sources.Count > 0)
            {
                ctx.Output.WriteText("\nSources given to the model:\n" + string.Join('\n', result.Sources.Select(s => $"[{s.Number}] {s.Title}{(s.Url is null ? "" : $" {s.Url}")}")));
            }

            ctx.Output.Error(failure);
            return result;
        }

        if (result.DroppedCitations > 0)
        {
            // The streamed text is already without them (the answerer checks each citation as it streams).
            ctx.Output.Warning(result.DroppedCitations == 1
                ? "1 citation to a source that was not given was removed"
                : $"{result.DroppedCitations} citations to sources that were not given were removed");
        }

        if (result.SourcesText.Length > 0)
        {
            ctx.Output.WriteText("\n" + result.SourcesText);
        }

        return result;
    }
}
