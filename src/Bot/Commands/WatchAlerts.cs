using PaperBot.Bot.Cli;
using PaperBot.Rag.Watches;
using Spectre.Console;

namespace PaperBot.Bot.Commands;

/// <summary>How the command line prints a watch's matches: after a sync (its alerts) and for <c>watch check</c>.</summary>
internal static class WatchAlerts
{
    public static object Json(WatchMatch match) => new
    {
        id = match.Paper.Id,
        title = match.Paper.Title,
        hf_url = match.Paper.HuggingFaceUrl,
        sentence = WatchText.Sentence(match.Paper),
        reason = match.Reason,
    };

    public static object Json(WatchAlert alert) => new
    {
        watch = alert.Watch.Id,
        topic = alert.Watch.Topic,
        owner = alert.Watch.Owner.KindName,
        papers = alert.Matches.Select(Json),
    };

    public static void Write(CommandContext ctx, IReadOnlyList<WatchMatch> matches)
    {
        foreach (var match in matches)
        {
            var paper = match.Paper;
            ctx.Output.Results.MarkupLineInterpolated($"  • [bold]{paper.Title}[/] [grey]{paper.HuggingFaceUrl?.ToString() ?? paper.Id}[/]");
            ctx.Output.Results.MarkupLineInterpolated($"    {WatchText.Sentence(paper)} [grey]({match.Reason})[/]");
        }
    }

    /// <summary>The local user's alerts of a sync, one block per watch (Discord's are sent by the bot).</summary>
    public static void WriteAlerts(CommandContext ctx, IReadOnlyList<WatchAlert> alerts)
    {
        foreach (var alert in alerts.Where(a => a.Watch.Owner.Kind == WatchOwnerKind.Local))
        {
            ctx.Output.Results.MarkupLineInterpolated($"[bold]Watch {alert.Watch.Id}[/] ({alert.Watch.Topic}): {Rag.Plural.Of(alert.Matches.Count, "new paper")}");
            Write(ctx, alert.Matches);
        }
    }
}
