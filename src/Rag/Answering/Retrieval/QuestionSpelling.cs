using System.Globalization;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>A question with its misspelled words replaced, and each replacement (as typed, as read) for the notice.</summary>
public sealed record SpelledQuestion(string Text, IReadOnlyList<(string Typed, string Read)> Corrections)
{
    /// <summary>The notice that tells the reader which words were read differently; null when none was.</summary>
    public string? Notice => Corrections.Count == 0
        ? null
        : "Read " + string.Join(", ", Corrections.Select(c => $"\"{c.Typed}\" as \"{c.Read}\"")) + ".";

    /// <summary>What a search that takes its words literally suggests instead; null when every word is spelled as the papers write it.</summary>
    public string? Suggestion => Corrections.Count == 0 ? null : $"Did you mean \"{Text}\"?";
}

/// <summary>
/// Reads a misspelled question word as the word the papers use: people type fast ("retreival", "trajectroy",
/// "Trainig"), and a word no paper contains weighs nothing in the search and makes a described paper look like a
/// near miss. A word is read as another only when no paper of the index contains it, it is an ordinary word (lower
/// case letters, not a name: "Skywork" or "GPT-7" are exactly what a near miss names), it is long enough that one
/// slip leaves it recognisable, and one edit (a letter dropped or added, two swapped, a letter changed in a long
/// word) turns it into a word the field uses often. Among such words the most used one wins ("modles" is "models", not "modules").
/// </summary>
public static class QuestionSpelling
{
    /// <summary>Shorter words are too close to too many others ("rips", "botch", "wood").</summary>
    public const int MinLength = 6;

    /// <summary>A letter of a word shorter than this is never read as another letter.</summary>
    public const int MinChangedLength = 8;

    /// <summary>The word read instead must be in at least this share of the papers: a typo is of a word the field uses.</summary>
    public const double MinShare = 0.002;

    /// <summary>…and in at least this many papers, for small indexes.</summary>
    public const int MinPapers = 3;

    /// <summary>
    /// At most this many unknown words of a question are read otherwise: a person makes a slip or two, and a pasted
    /// text full of words nobody writes must not cost a lookup of hundreds of variants each.
    /// </summary>
    private const int MaxWordsRead = 4;

    /// <summary>How many of the most used variants are looked for in the papers' text.</summary>
    private const int MaxTried = 5;

    public static SpelledQuestion Correct(string question, PaperStore store)
    {
        var names = QuestionNames.Of(question).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = TextTerms.Words(question)
            .Where(w => w.Length >= MinLength && w.All(c => c is >= 'a' and <= 'z') && TextTerms.IsContentWord(w) && !names.Contains(w))
            .Distinct(StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
        {
            return new SpelledQuestion(question, []);
        }

        var (papers, terms) = store.TermFrequencies(candidates);
        var unknown = terms.Where(t => t.Docs == 0).Select(t => t.Word).Take(MaxWordsRead).ToList();
        if (papers == 0 || unknown.Count == 0)
        {
            return new SpelledQuestion(question, []);
        }

        var minDocs = Math.Max(MinPapers, (long)Math.Ceiling(papers * MinShare));
        var edits = unknown.ToDictionary(w => w, w => OneEditAway(w).ToList(), StringComparer.Ordinal);
        var docs = store.UncachedFrequencies([.. edits.Values.SelectMany(e => e).Distinct(StringComparer.Ordinal)]);
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, variants) in edits)
        {
            // The most used first; a variant that only shares a stem ("modeles", "newlies") is not written by anyone.
            var best = variants.Where(v => docs.GetValueOrDefault(v) >= minDocs)
                .OrderByDescending(v => docs[v]).ThenBy(v => v, StringComparer.Ordinal)
                .Take(MaxTried)
                .FirstOrDefault(store.Writes);
            if (best is not null)
            {
                corrections[word] = best;
            }
        }

        if (corrections.Count == 0)
        {
            return new SpelledQuestion(question, []);
        }

        var read = new List<(string, string)>();
        // The words as TextTerms found the candidates: a contraction's ending is not a word here either.
        var text = QueryTerms.WordRegex().Replace(question, match =>
        {
            if (!corrections.TryGetValue(match.Value.ToLowerInvariant(), out var correction))
            {
                return match.Value;
            }

            // "Trainig" at the start of a sentence is read as "Training".
            var cased = char.IsUpper(match.Value[0]) ? char.ToUpper(correction[0], CultureInfo.InvariantCulture) + correction[1..] : correction;
            if (!read.Contains((match.Value, cased)))
            {
                read.Add((match.Value, cased));
            }

            return cased;
        });
        return new SpelledQuestion(text, read);
    }

    /// <summary>
    /// Every word one edit away: a letter dropped, two neighbours swapped, a letter added, and in a long word a letter
    /// changed. A changed letter is how one real word becomes another ("baking" and "making", "gazing" and "gaming"),
    /// so a short word a person may mean as typed is only read otherwise for the slips typing makes.
    /// </summary>
    internal static IEnumerable<string> OneEditAway(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
            if (i + 1 < word.Length && word[i] != word[i + 1])
            {
                yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1, 1), word.AsSpan(i, 1), word.AsSpan(i + 2));
            }

            for (var c = 'a'; c <= 'z' && word.Length >= MinChangedLength; c++)
            {
                if (c != word[i])
                {
                    yield return string.Concat(word.AsSpan(0, i), c.ToString(), word.AsSpan(i + 1));
                }
            }
        }

        for (var i = 0; i <= word.Length; i++)
        {
            for (var c = 'a'; c <= 'z'; c++)
            {
                yield return word.Insert(i, c.ToString());
            }
        }
    }
}
