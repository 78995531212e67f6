using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Citations;

/// <summary>
/// Keeps an answer's citations honest: every [n], [n, m] and [n-m] must name a supplied source (1 to the
/// number of sources). References to sources that do not exist are removed and counted; a bracket left with
/// no valid reference disappears. Brackets that are not citations ("[a]", "[1", "[]") are left as text.
/// </summary>
public static partial class CitationChecker
{
    /// <summary>Wider ranges are not citations a model means ("[1-1000]"); they are dropped whole.</summary>
    private const int MaxRange = 50;

    public static CitationCheck Check(string answer, int sourceCount)
    {
        var cited = new List<int>();
        var dropped = 0;
        var text = CitationRegex().Replace(answer, match =>
        {
            var valid = new List<int>();
            foreach (var item in match.Groups["list"].Value.Split(','))
            {
                var numbers = Expand(item);
                var inRange = numbers.Where(n => n >= 1 && n <= sourceCount).ToList();
                if (inRange.Count < numbers.Count || numbers.Count == 0)
                {
                    dropped++;
                }

                valid.AddRange(inRange.Where(n => !valid.Contains(n)));
            }

            cited.AddRange(valid.Where(n => !cited.Contains(n)));
            return valid.Count == 0 ? "" : "[" + string.Join(", ", valid.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]";
        });
        return new CitationCheck(Tidy(text), cited, dropped);
    }

    /// <summary>"3" → [3]; "2-4" → [2, 3, 4]; a reversed or huge range → [] (not a real reference).</summary>
    private static List<int> Expand(string item)
    {
        var parts = item.Split('-', '–');
        if (parts.Length == 1)
        {
            return int.TryParse(parts[0], NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var single) ? [single] : [];
        }

        if (parts.Length == 2 && int.TryParse(parts[0].Trim(), CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1].Trim(), CultureInfo.InvariantCulture, out var last) && first <= last && last - first <= MaxRange)
        {
            return [.. Enumerable.Range(first, last - first + 1)];
        }

        return [];
    }

    /// <summary>Removes the double spaces and the space before punctuation that a removed bracket leaves behind.</summary>
    private static string Tidy(string text) =>
        SpaceBeforePunctuationRegex().Replace(DoubleSpaceRegex().Replace(text, " "), "$1").Trim();

    [GeneratedRegex(@"\[(?<list>\s*\d+\s*(?:[-–]\s*\d+\s*)?(?:,\s*\d+\s*(?:[-–]\s*\d+\s*)?)*)\]")]
    private static partial Regex CitationRegex();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex DoubleSpaceRegex();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuationRegex();
}
