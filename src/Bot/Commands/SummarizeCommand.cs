using System.CommandLine;
using PaperBot.Bot.Cli;
using PaperBot.Rag;
using PaperBot.Rag.Answering.Digest;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary><c>paperbot summarize [--date D]</c>: the digest of one day's papers.</summary>
public static class SummarizeCommand
{
    public static Command Create()
    {
        var date = CommandLineValues.DayOption("--date", "The day (YYYY-MM-DD); default: the latest day in the index");
        var noModel = new Option<bool>("--no-model") { Description = "Write the extractive digest, even with a model configured" };
        var json = CommandRunner.JsonOption();
        var command = new Command("summarize", "The digest of one day's papers: themes, citations, the most upvoted") { date, noModel, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, json, async (ctx, token) =>
        {
            var day = parse.GetValue(date);
            ctx.Index();
            // A large day or a model takes a while and nothing is printed before the end: say that it is under way.
            ctx.Output.Status.MarkupLine("[grey]Writing the digest (Ctrl+C stops it)...[/]");
            var result = await ctx.Get<DayDigest>().SummarizeAsync(new DigestRequest(day, parse.GetValue(noModel)), token);
            // A digest the model did not finish because of Ctrl+C or SIGTERM exits as any cancelled command does.
            var failed = token.IsCancellationRequested ? ctx.CancelledExitCode : ExitCodes.RuntimeFailure;
            if (ctx.Json)
            {
                ctx.Output.WriteJson(AnswerJson.Of(result));
                return result.Complete ? ExitCodes.Success : failed;
            }

            foreach (var notice in result.Notices)
            {
                ctx.Output.Status.MarkupLineInterpolated($"[grey]{notice}[/]");
            }

            if (!result.Complete)
            {
                ctx.Output.Error(result.Failure ?? "the digest is incomplete");
            }
            else
            {
                ctx.Output.WriteText(result.Text);
                if (result.Cached)
                {
                    ctx.Output.Status.MarkupLine("[grey](from the digest cache: the day's papers have not changed)[/]");
                }
            }

            return result.Complete ? ExitCodes.Success : failed;
        }, ct));
        return command;
    }
}
