using System.Text.RegularExpressions;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Splits an answer into messages of at most Discord's 2000 characters: at paragraph breaks first, then line
/// breaks, sentence ends, spaces. It never cuts a markdown link, a [n] citation or inline code, and cuts a code
/// block only when the block alone is too long, closing the fence and reopening it in the next message.
/// </summary>
public static partial class MessageSplitter
{
    public const int DiscordMaxLength = 2000;

    private const string Fence = "```";

    public static IReadOnlyList<string> Split(string text, int maxLength = DiscordMaxLength)
    {
        // Room for a closing and a reopened fence with a language tag, or any cut would still be too long.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 32);
        var chunks = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxLength)
        {
            var (chunk, next) = SplitOnce(rest, maxLength);
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }

            rest = next;
        }

        if (rest.Length > 0)
        {
            chunks.Add(rest);
        }

        return chunks;
    }

    private static (string Chunk, string Remainder) SplitOnce(string text, int maxLength)
    {
        var spans = ProtectedSpans(text);
        foreach (var boundary in new[] { ParagraphBreak(), LineBreak(), SentenceEnd(), Space() })
        {
            var cut = LastCut(text, maxLength, boundary, spans);
            if (cut > 0)
            {
                return (text[..cut].TrimEnd(), text[cut..].TrimStart());
            }
        }

        var straddled = spans.FirstOrDefault(s => s.Start < maxLength && s.End > maxLength);
        if (straddled.End > 0 && straddled.Start > 0)
        {
            return (text[..straddled.Start].TrimEnd(), text[straddled.Start..]);
        }

        if (straddled.End > 0 && text.StartsWith(Fence, StringComparison.Ordinal))
        {
            return SplitInsideCodeBlock(text, maxLength);
        }

        return (text[..maxLength], text[maxLength..]);
    }

    /// <summary>The last boundary end at or before <paramref name="maxLength"/> that lies outside every protected span.</summary>
    private static int LastCut(string text, int maxLength, Regex boundary, List<(int Start, int End)> spans)
    {
        var best = -1;
        // Matched on the whole text, so a sentence end's trailing citations count even past the limit.
        foreach (Match match in boundary.Matches(text))
        {
            if (match.Index >= maxLength)
            {
                break;
            }

            var cut = match.Index + match.Length;
            if (cut <= maxLength && match.Index > 0 && !spans.Any(s => s.Start < cut && cut < s.End))
            {
                best = cut;
            }
        }

        return best;
    }

    /// <summary>A code block longer than one message: cut at a line break, close the fence, reopen it with its language.</summary>
    private static (string Chunk, string Remainder) SplitInsideCodeBlock(string text, int maxLength)
    {
        var openingLine = text[..Math.Max(Fence.Length, text.IndexOf('\n', StringComparison.Ordinal))];
        var budget = maxLength - Fence.Length - 1;
        var lineEnd = text.LastIndexOf('\n', budget - 1);
        var cut = lineEnd > openingLine.Length ? lineEnd : budget;
        return (text[..cut].TrimEnd() + "\n" + Fence, openingLine + "\n" + text[cut..].TrimStart('\n'));
    }

    private static List<(int Start, int End)> ProtectedSpans(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var pattern in new[] { CodeBlock(), MarkdownLink(), Citation(), InlineCode() })
        {
            foreach (Match match in pattern.Matches(text))
            {
                spans.Add((match.Index, match.Index + match.Length));
            }
        }

        return spans;
    }

    [GeneratedRegex(@"```.*?(```|\z)", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\[[^\]\n]*\]\([^)\s]*\)")]
    private static partial Regex MarkdownLink();

    /// <summary>[3], [1, 4], [2-5] and runs like [1][2], which belong to one sentence.</summary>
    [GeneratedRegex(@"(\[\d+(\s*[,\-–]\s*\d+)*\])+")]
    private static partial Regex Citation();

    [GeneratedRegex(@"`[^`\n]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\n")]
    private static partial Regex LineBreak();

    /// <summary>A sentence end, with any citations that close it, followed by white space.</summary>
    [GeneratedRegex(@"[.!?](\s*\[\d+(\s*[,\-–]\s*\d+)*\])*[""')\]]?\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
