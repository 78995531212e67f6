namespace PaperBot.Rag.Answering.Text;

/// <summary>
/// A light suffix stripper so that "models", "modeling" and "modeled" meet at "model". It only has to map a
/// question word and an abstract word to the same key; it never has to produce a real word.
/// </summary>
public static class WordStemmer
{
    private static readonly (string Suffix, string Replacement)[] Rules =
    [
        ("ational", "ate"), ("ization", "ize"), ("ations", "ate"), ("ation", "ate"), ("ements", ""), ("ement", ""),
        ("nesses", ""), ("ness", ""), ("ities", ""), ("ity", ""), ("ings", ""), ("ing", ""), ("ies", "y"),
        ("ied", "y"), ("sses", "ss"), ("ers", ""), ("er", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", ""),
    ];

    public static string Stem(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Length <= 3 || !lower.All(char.IsLetter))
        {
            return lower;
        }

        foreach (var (suffix, replacement) in Rules)
        {
            // "-ply" is a verb ending, not an adverb: "comply", "complies" and "applying" keep their "ply".
            if (lower.EndsWith(suffix, StringComparison.Ordinal) && lower.Length - suffix.Length >= 3 && !lower.EndsWith("ss", StringComparison.Ordinal)
                && !(suffix == "ly" && lower.EndsWith("ply", StringComparison.Ordinal)))
            {
                return TrimFinalE(Undouble(lower[..^suffix.Length] + replacement));
            }
        }

        return TrimFinalE(lower);
    }

    /// <summary>"forgetting" → "forgett" → "forget", "scaled" stays "scal": a doubled final consonant left by a suffix is one.</summary>
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && !"aeiouylsz".Contains(stem[^1], StringComparison.Ordinal) ? stem[..^1] : stem;

    /// <summary>"generate" and "generating" → "generat": a final e is dropped so the verb forms agree.</summary>
    private static string TrimFinalE(string stem) => stem.Length > 4 && stem[^1] == 'e' ? stem[..^1] : stem;
}
