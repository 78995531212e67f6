using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// Splits an abstract into sentences at ". ", "? " and "! " followed by an upper-case letter, a digit or a
/// bracket, so that "e.g. the", "et al. (2023)" followed by lower case and "3.5" stay inside one sentence.
/// </summary>
public static partial class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        foreach (Match boundary in BoundaryRegex().Matches(text))
        {
            var end = boundary.Index + 1;
            var before = text[start..end].Trim();
            if (before.Length > 0 && !EndsWithAbbreviation(before))
            {
                sentences.Add(before);
                start = boundary.Index + boundary.Length;
            }
        }

        var rest = text[start..].Trim();
        if (rest.Length > 0)
        {
            sentences.Add(rest);
        }

        return sentences;
    }

    private static bool EndsWithAbbreviation(string sentence) =>
        sentence.EndsWith("e.g.", StringComparison.OrdinalIgnoreCase) || sentence.EndsWith("i.e.", StringComparison.OrdinalIgnoreCase)
        || sentence.EndsWith("et al.", StringComparison.OrdinalIgnoreCase) || sentence.EndsWith("vs.", StringComparison.OrdinalIgnoreCase)
        || sentence.EndsWith("Fig.", StringComparison.Ordinal) || sentence.EndsWith("Eq.", StringComparison.Ordinal);

    [GeneratedRegex(@"[.?!](?=\s+[\p{Lu}\p{N}(\[""'])\s*")]
    private static partial Regex BoundaryRegex();
}
