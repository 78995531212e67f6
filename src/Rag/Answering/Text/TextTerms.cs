using System.Text.RegularExpressions;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Text;

/// <summary>The stemmed content words of a text: what questions and sentences are compared by.</summary>
public static class TextTerms
{
    /// <summary>
    /// Words that make a question a question ("how many", "which paper proposes") but say nothing about the topic:
    /// they must not count against an abstract that does not repeat them.
    /// </summary>
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "many", "much", "kind", "kinds", "type", "types", "propose", "proposes", "proposed", "introduce",
        "introduces", "introduced", "present", "presents", "presented", "describe", "describes", "explain",
        "explains", "explained", "explaining", "say", "says", "said", "know", "called", "name", "named", "work", "works", "study", "studies",
        "also", "among", "them", "well", "get", "got", "one", "ones",
        // How people frame a question about papers, a day or a period ("has anyone studied…", "which papers
        // were featured that day?"): the day filter, not the words, carries the date.
        "anyone", "someone", "studied", "described", "featured", "appeared", "appear", "day", "days", "period",
        "done", "exist", "exists", "existing", "daily", "people", "given", "new", "recent", "latest", "hf", "huggingface",
        "came", "come", "released", "published", "posted",
        // How people talk in a chat ("what did it actually get?", "we're looking into…", "kinda like X"): filler
        // that no abstract repeats, yet rare enough in the papers to weigh as much as the question's topic.
        "actually", "basically", "really", "kinda", "sorta", "looking", "trying", "wondering", "curious", "like",
    };

    /// <summary>The distinct stems of the content words of <paramref name="text"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> Stems(string text)
    {
        var stems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(text))
        {
            if (IsContentWord(word) && seen.Add(WordStemmer.Stem(word)))
            {
                stems.Add(WordStemmer.Stem(word));
            }
        }

        return stems;
    }

    /// <summary>Every word of <paramref name="text"/>, lower-cased, in order.</summary>
    public static IEnumerable<string> Words(string text) => CasedWords(text).Select(w => w.ToLowerInvariant());

    /// <summary>Every word of <paramref name="text"/> as written (a name keeps its capitals), in order.</summary>
    public static IEnumerable<string> CasedWords(string text)
    {
        foreach (Match match in QueryTerms.WordRegex().Matches(text))
        {
            yield return match.Value;
        }
    }

    /// <summary>True for a word that says something about a topic: not a stop word, not a bare question word.</summary>
    public static bool IsContentWord(string word) =>
        !QueryTerms.IsStopWord(word) && !QuestionWords.Contains(word) && (word.Length > 1 || char.IsDigit(word[0]));
}
