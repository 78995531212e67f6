using System.Text.RegularExpressions;

namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// Splits an abstract into sentences at ". ", "? " and "! ", and at a period glued to the next sentence
/// ("Spatial-MLLM.To our knowledge"). A period ends no sentence after an abbreviation ("e.g.", "et al.", "vs.",
/// "(Sec. 4)", "Fig. 3", "w.r.t."), nor inside a number ("3.5"). A sentence may start in lower case (model names
/// such as "xVerify" or "gsplat" do), except after "etc.", a list number ("1. spatial") or an initial.
/// </summary>
public static partial class SentenceSplitter
{
    /// <summary>Abbreviations that end in a period wherever they stand in a sentence (compared ignoring case).</summary>
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "vs", "v.s", "cf", "viz", "approx", "resp", "incl", "esp", "avg", "ca", "w.r.t", "a.k.a", "al",
    };

    /// <summary>Capitalized references to a part of the paper ("Sec. 4", "Fig. 3", "Eq. (2)"): compared with case.</summary>
    private static readonly HashSet<string> References = new(StringComparer.Ordinal)
    {
        "Fig", "Figs", "Sec", "Secs", "Eq", "Eqs", "Tab", "Tabs", "Ref", "Refs", "App", "Appx", "Alg", "Thm", "Lem", "Def", "Prop", "Ch", "No", "Vol",
    };

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        foreach (Match boundary in BoundaryRegex().Matches(text))
        {
            var end = boundary.Index + 1;
            var before = text[start..end].Trim();
            if (before.Length > 0 && EndsSentence(before, text[end..].TrimStart()[0]))
            {
                sentences.Add(before);
                start = end;
            }
        }

        var rest = text[start..].Trim();
        if (rest.Length > 0)
        {
            sentences.Add(rest);
        }

        return sentences;
    }

    /// <summary>Whether <paramref name="before"/> (ending in . ? or !) is a whole sentence, given the next character.</summary>
    private static bool EndsSentence(string before, char next)
    {
        var lowerNext = char.IsLower(next);
        if (before[^1] != '.')
        {
            // "Hogwild! inference": a name, not the end of a question or exclamation.
            return !lowerNext;
        }

        var last = LastWordRegex().Match(before);
        var word = last.Groups["word"].Value;
        if (last.Success && (Abbreviations.Contains(word) || References.Contains(word) || IsDotted(word)))
        {
            return false;
        }

        if (!lowerNext)
        {
            return true;
        }

        // In lower case, "etc. and", "1. spatial redundancy", "a. the first" and "..." continue the sentence;
        // after a closing bracket or a word ("(LLMs). xVerify", "kernels. gsplat") a new one starts.
        return !before.EndsWith("..", StringComparison.Ordinal)
            && !(last.Success && (word.Equals("etc", StringComparison.OrdinalIgnoreCase) || word.Length == 1 || word.All(char.IsAsciiDigit)));
    }

    /// <summary>"U.S", "Ph.D", "a.k.a": short letter groups joined by periods, the shape of an abbreviation.</summary>
    private static bool IsDotted(string word) =>
        word.Contains('.', StringComparison.Ordinal) && word.Split('.').All(part => part.Length is >= 1 and <= 3 && part.All(char.IsLetter));

    /// <summary>A terminator followed by white space and the start of a sentence, or a period glued to a capitalized word.</summary>
    [GeneratedRegex(@"[.?!](?=\s+[\p{L}\p{N}(\[""'])|(?<=[\p{L})])\.(?=\p{Lu}\p{Ll}+\s)")]
    private static partial Regex BoundaryRegex();

    /// <summary>The word before the final period: letters, digits and inner periods ("e.g", "49.6", "Sec").</summary>
    [GeneratedRegex(@"(?<word>[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)\.$")]
    private static partial Regex LastWordRegex();
}
