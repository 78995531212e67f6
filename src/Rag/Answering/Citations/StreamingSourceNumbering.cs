using System.Globalization;
using System.Text;

namespace PaperBot.Rag.Answering.Citations;

/// <summary>
/// Gives a streamed answer the numbers its sources list will have, as the text arrives: each citation bracket
/// is held back until it closes, checked as <see cref="CitationChecker"/> checks the whole answer (references to
/// sources that were not given removed), and renumbered as <see cref="SourceNumbering"/> renumbers it (1..n in
/// order of first citation). Without it a front end that streams shows the model's numbers ([4]) above a
/// sources list numbered [1]–[3].
/// </summary>
/// <param name="sourceCount">How many sources the answer was given (numbered 1..sourceCount).</param>
public sealed class StreamingSourceNumbering(int sourceCount)
{
    /// <summary>A bracket longer than this is not a citation a model writes: it is shown as it is.</summary>
    private const int MaxBracket = 256;

    private readonly Dictionary<int, int> _shown = [];
    private readonly List<int> _cited = [];
    private StringBuilder? _bracket;

    /// <summary>The given source numbers cited so far, in order of first citation: shown as [1], [2], ...</summary>
    public IReadOnlyList<int> Cited => _cited;

    /// <summary>The text of <paramref name="delta"/> that can be shown now; an open bracket waits for its end.</summary>
    public string Push(string delta)
    {
        var output = new StringBuilder(delta.Length);
        foreach (var c in delta)
        {
            if (_bracket is null)
            {
                if (c == '[')
                {
                    _bracket = new StringBuilder("[");
                }
                else
                {
                    output.Append(c);
                }
            }
            else if (c == ']')
            {
                output.Append(Close(_bracket.Append(c).ToString()));
                _bracket = null;
            }
            else if (c == '[')
            {
                output.Append(_bracket);
                _bracket.Clear().Append(c);
            }
            else if (_bracket.Length < MaxBracket && (char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is ',' or '-' or '–'))
            {
                _bracket.Append(c);
            }
            else
            {
                output.Append(_bracket).Append(c);
                _bracket = null;
            }
        }

        return output.ToString();
    }

    /// <summary>What is still held back (a bracket the answer never closed), at the end of the answer.</summary>
    public string Flush()
    {
        var rest = _bracket?.ToString() ?? "";
        _bracket = null;
        return rest;
    }

    /// <summary>
    /// <paramref name="given"/> (the sources in their given order, 1..n) in the order of the numbers shown: the
    /// cited ones first, as numbered in the text, then the others. For an answer cut short, whose sources are
    /// listed whether cited or not.
    /// </summary>
    public IReadOnlyList<T> InShownOrder<T>(IReadOnlyList<T> given) =>
        [.. _cited.Select(n => given[n - 1]), .. given.Where((_, i) => !_shown.ContainsKey(i + 1))];

    private string Close(string bracket)
    {
        var check = CitationChecker.Check(bracket, sourceCount);
        if (check.Cited.Count == 0)
        {
            // Not a citation ("[1,,2]") stays as written; one naming only sources that were not given disappears.
            return check.Dropped > 0 ? "" : bracket;
        }

        foreach (var number in check.Cited.Where(n => !_shown.ContainsKey(n)))
        {
            _cited.Add(number);
            _shown[number] = _cited.Count;
        }

        return "[" + string.Join(", ", check.Cited.Select(n => _shown[n].ToString(CultureInfo.InvariantCulture))) + "]";
    }
}
