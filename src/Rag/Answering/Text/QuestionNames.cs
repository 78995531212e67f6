using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// The names a question mentions — "GPT-9", "Skywork", "LIBERO", "Qwen2.5-1M", "Claude": words with a digit and
/// a letter, an inner capital, two capitals, or a capital in mid-sentence. A question that names something asks
/// about that thing, so a paper that never mentions the name cannot answer it, however many other words it shares.
/// </summary>
public static partial class QuestionNames
{
    public static IReadOnlyList<string> Of(string question)
    {
        var names = new List<string>();
        foreach (Match match in TokenRegex().Matches(question))
        {
            var token = match.Value.Trim('-', '.');
            var sentenceStart = IsSentenceStart(question, match.Index);
            var parts = token.Split('-');
            if (parts.Length > 1 && parts.All(p => IsNameLike(p, inner: true) || p.All(char.IsDigit)) && parts.Any(p => IsNameLike(p, inner: true)))
            {
                // "GPT-9", "DQR-TTS", "Skywork-MoE": the whole compound is the name.
                names.Add(token);
                continue;
            }

            // "LLM-invented": only the name-like parts are names.
            for (var i = 0; i < parts.Length; i++)
            {
                if (IsNameLike(parts[i], inner: i > 0 || !sentenceStart) && TextTerms.IsContentWord(parts[i].ToLowerInvariant()))
                {
                    names.Add(parts[i]);
                }
            }
        }

        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>True when <paramref name="text"/> mentions <paramref name="name"/> (case-insensitive; "KANs" is found as "KAN").</summary>
    public static bool MentionedIn(string name, string text) =>
        text.Contains(name, StringComparison.OrdinalIgnoreCase)
        || (name.Length > 3 && name.EndsWith('s') && text.Contains(name[..^1], StringComparison.OrdinalIgnoreCase));

    private static bool IsNameLike(string part, bool inner)
    {
        if (part.Length == 0)
        {
            return false;
        }

        var hasDigit = part.Any(char.IsDigit);
        var hasLetter = part.Any(char.IsLetter);
        var capitals = part.Count(char.IsUpper);
        return (hasDigit && hasLetter) || capitals >= 2 || part.Skip(1).Any(char.IsUpper) || (inner && char.IsUpper(part[0]));
    }

    /// <summary>The first word of the question or of a sentence in it is capitalized by grammar, not because it is a name.</summary>
    private static bool IsSentenceStart(string question, int index)
    {
        var before = question[..index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '?' or '!' or ':' or '"' or '“';
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}.\-]*")]
    private static partial Regex TokenRegex();
}
