using System.Globalization;
using System.Text;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag.Answering;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>An answer's sources as an embed titled "Sources": one line per source, "[n] title — day — link", within Discord's limits.</summary>
public static class SourcesEmbed
{
    /// <summary>Embed descriptions hold 4096 characters; a little room is kept for the "…and N more" line.</summary>
    private const int DescriptionBudget = 4000;

    private const int TitleLength = 150;

    /// <summary>The cited sources (every given one when none was cited); null when there are none.</summary>
    public static Embed? For(AnswerResult result)
    {
        var lines = Lines(result);
        if (lines.Count == 0)
        {
            return null;
        }

        var description = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (description.Length + lines[i].Length + 1 > DescriptionBudget)
            {
                description.Append(CultureInfo.InvariantCulture, $"…and {lines.Count - i} more");
                break;
            }

            description.Append(lines[i]).Append('\n');
        }

        return new Embed { Title = "Sources", Description = description.ToString().TrimEnd() };
    }

    /// <summary>The same lines as plain text, for Discord:PlainText.</summary>
    public static string PlainText(AnswerResult result)
    {
        var lines = Lines(result);
        return lines.Count == 0 ? "" : "Sources:\n" + string.Join('\n', lines);
    }

    /// <summary>The answer decides which sources to show and numbers them (<see cref="AnswerResult.Sources"/>).</summary>
    private static List<string> Lines(AnswerResult result) => [.. result.Sources.Select(Line)];

    private static string Line(AnswerSource source)
    {
        var title = source.Title.Length > TitleLength ? source.Title[..TitleLength] + "…" : source.Title;
        var day = source.Day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "undated";
        // Angle brackets keep Discord from unfurling every link into a preview.
        var link = source.Url is { } url ? $" — <{url}>" : "";
        var page = source.HuggingFaceUrl is { } hf ? $" · [HF](<{hf}>)" : "";
        var code = source.GithubRepo is { } repo ? $" · [code](<{repo}>)" : "";
        return $"[{source.Number}] {title} — {day}{link}{page}{code}";
    }
}
