using System.Text;

namespace PaperBot.Rag.Index;

/// <summary>
/// The part of an abstract that best shows why it matched: the window of words with the most query matches,
/// matched words in **bold**. Computed here rather than with FTS5's snippet(), which SQLite would evaluate for
/// every matching row before the ranking keeps ten.
/// </summary>
internal static class Snippet
{
    public const int Words = 24;

    /// <summary>A snippet of <paramref name="text"/> for query terms given by their index stems.</summary>
    public static string Make(string text, IReadOnlyCollection<string> stems)
    {
        var words = WordSpans(text);
        if (words.Count == 0)
        {
            return "";
        }

        var hits = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            var word = text.AsSpan(words[i].Start, words[i].Length);
            var first = char.ToLowerInvariant(word[0]);
            foreach (var stem in stems)
            {
                // Stems are lower-case; comparing the first letter first skips almost every word cheaply.
                if (stem.Length > 0 && stem[0] == first && word.Length >= stem.Length && word.StartsWith(stem, StringComparison.OrdinalIgnoreCase))
                {
                    hits[i] = true;
                    break;
                }
            }
        }

        var start = BestWindowStart(hits);
        var end = Math.Min(words.Count, start + Words);
        var snippet = new StringBuilder();
        if (start > 0)
        {
            snippet.Append('…');
        }

        var from = start == 0 ? 0 : words[start].Start;
        for (var i = start; i < end; i++)
        {
            snippet.Append(text, from, words[i].Start - from);
            var word = text.AsSpan(words[i].Start, words[i].Length);
            if (hits[i])
            {
                snippet.Append("**").Append(word).Append("**");
            }
            else
            {
                snippet.Append(word);
            }

            from = words[i].Start + words[i].Length;
        }

        if (end < words.Count)
        {
            snippet.Append('…');
        }
        else
        {
            snippet.Append(text, from, text.Length - from);
        }

        return snippet.ToString().Trim();
    }

    private static int BestWindowStart(bool[] hits)
    {
        var (best, bestStart, count) = (-1, 0, 0);
        for (var i = 0; i < hits.Length; i++)
        {
            count += hits[i] ? 1 : 0;
            if (i >= Words)
            {
                count -= hits[i - Words] ? 1 : 0;
            }

            if (i >= Math.Min(Words, hits.Length) - 1 && count > best)
            {
                (best, bestStart) = (count, Math.Max(0, i - Words + 1));
            }
        }

        // Start a little before the first match of the window, so it reads in context.
        var first = Array.IndexOf(hits, true, bestStart);
        return first < 0 ? bestStart : Math.Max(0, Math.Min(bestStart, first - 4));
    }

    /// <summary>Runs of letters and digits (a plain scan: a regex costs more than the query on long abstracts).</summary>
    private static List<(int Start, int Length)> WordSpans(string text)
    {
        var spans = new List<(int, int)>(text.Length / 6);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                spans.Add((start, i - start));
                start = -1;
            }
        }

        return spans;
    }
}
