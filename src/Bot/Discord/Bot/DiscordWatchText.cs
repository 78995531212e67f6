using System.Globalization;
using System.Text;
using PaperBot.Rag;
using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>Discord text for watches: an alert (in parts that fit a message, each listing whole papers), a watch and a list.</summary>
public static class DiscordWatchText
{
    public const string Like = "👍";
    public const string Dislike = "👎";

    /// <summary>
    /// The alert's messages: the topic, then per paper its title linked to its Hugging Face page, one sentence of
    /// its abstract and why it matched. A paper is never cut across two messages, so a reaction on a message
    /// speaks for the papers it shows.
    /// </summary>
    public static IReadOnlyList<(string Text, IReadOnlyList<string> PaperIds)> Parts(WatchAlert alert, int maxLength = MessageSplitter.DiscordMaxLength)
    {
        var header = $"🔔 **{Plural.Of(alert.Matches.Count, "new paper")}** for watch `{alert.Watch.Id}` — {alert.Watch.Topic}\n" +
            $"_React {Like} or {Dislike} to tune this watch._\n";
        var parts = new List<(string, IReadOnlyList<string>)>();
        var text = new StringBuilder(header);
        var ids = new List<string>();
        foreach (var match in alert.Matches)
        {
            var block = Block(match);
            if (text.Length + block.Length > maxLength && ids.Count > 0)
            {
                parts.Add((text.ToString().TrimEnd(), ids));
                text = new StringBuilder();
                ids = [];
            }

            text.Append(block);
            ids.Add(match.Paper.Id);
        }

        parts.Add((text.ToString().TrimEnd(), ids));
        return parts;
    }

    /// <summary>What a watch is and what it looks for now.</summary>
    public static string Show(Watch watch, IReadOnlyDictionary<string, double> weights, int alerted)
    {
        var text = new StringBuilder($"**Watch `{watch.Id}`** — {watch.Topic}\n");
        text.Append(watch.Owner.Kind == WatchOwnerKind.Channel ? $"Alerts go to <#{watch.Owner.Id}>.\n" : "Alerts come by direct message.\n");
        if (WatchText.Rules(watch) is { Length: > 0 } rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"Rules: {rules}\n");
        }

        var looks = WatchText.Looks(weights).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} ({w.Value:0.0})"));
        text.Append(CultureInfo.InvariantCulture, $"Looks for: {string.Join(", ", looks)}\n");
        text.Append(watch.Tuned is null ? "Not tuned by reactions yet.\n" : "Tuned by 👍/👎 reactions.\n");
        text.Append(CultureInfo.InvariantCulture, $"{Plural.Of(alerted, "paper")} alerted so far; {(watch.Muted ? "muted" : "active")}.");
        return text.ToString();
    }

    public static string List(IReadOnlyList<Watch> watches)
    {
        if (watches.Count == 0)
        {
            return "No watches here yet: `/watch add topic:…` tells you when papers on a topic appear.";
        }

        var text = new StringBuilder();
        foreach (var watch in watches)
        {
            var where = watch.Owner.Kind == WatchOwnerKind.Channel ? $"<#{watch.Owner.Id}>" : "your DMs";
            text.Append(CultureInfo.InvariantCulture, $"- `{watch.Id}` {watch.Topic} → {where}{(watch.Muted ? " (muted)" : "")}\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string Block(WatchMatch match)
    {
        var paper = match.Paper;
        var title = paper.Title.Replace('[', '(').Replace(']', ')');
        var link = paper.HuggingFaceUrl is { } url ? $"[{title}](<{url}>)" : $"**{title}**";
        return $"\n• {link}\n  {WatchText.Sentence(paper)} _({match.Reason})_\n";
    }
}
