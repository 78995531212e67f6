using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Citations;

/// <summary>
/// Renumbers a checked answer's citations so that the sources it shows are numbered 1..n in the order the answer
/// first cites them: an answer that cites sources 2 and 5 of those it was given shows them as [1] and [2].
/// </summary>
public static partial class SourceNumbering
{
    /// <param name="text">An answer after <see cref="CitationChecker"/>: every bracket left is a list of valid numbers.</param>
    /// <param name="citedInOrder">The cited source numbers in order of first use (<see cref="CitationCheck.Cited"/>).</param>
    public static string Renumber(string text, IReadOnlyList<int> citedInOrder)
    {
        var shown = citedInOrder.Select((number, index) => (number, index)).ToDictionary(p => p.number, p => p.index + 1);
        return CitationRegex().Replace(text, match =>
        {
            var numbers = match.Groups["list"].Value.Split(',').Select(n => int.Parse(n.Trim(), CultureInfo.InvariantCulture));
            return "[" + string.Join(", ", numbers.Select(n => shown.TryGetValue(n, out var s) ? s : n)) + "]";
        });
    }

    [GeneratedRegex(@"\[(?<list>\d+(?:, \d+)*)\]")]
    private static partial Regex CitationRegex();
}
