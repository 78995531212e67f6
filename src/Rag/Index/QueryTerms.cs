using System.Text.RegularExpressions;

namespace PaperBot.Rag.Index;

/// <summary>
/// The searchable words of a user's query. Everything that is not a letter or digit separates words, so FTS5
/// syntax in a query (quotes, *, :, NEAR, AND, -, parentheses) is just text and can never cause a syntax error.
/// </summary>
public static partial class QueryTerms
{
    /// <summary>More words than this add nothing to ranking and only slow the query down.</summary>
    public const int MaxTerms = 24;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once",
        "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some",
        "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
        "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "paper", "papers", "tell", "show", "find", "give", "list", "any", "anything", "something", "please",
        "near", "use", "used", "uses", "using",
        // The first half of a negative contraction ("isn't", "doesn't"); the endings are not words at all (WordRegex).
        "isn", "aren", "wasn", "weren", "doesn", "didn", "don", "hasn", "haven", "hadn", "couldn",
        "wouldn", "shouldn", "mustn", "needn",
        // Contractions typed without the apostrophe ("whats the best…", "isnt there").
        "whats", "thats", "theres", "heres", "isnt", "arent", "wasnt", "werent", "dont", "doesnt", "didnt", "cant",
        "couldnt", "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "im", "ive", "youre", "youve", "theyre", "weve",
    };

    /// <summary>The distinct words of <paramref name="query"/>, lower-cased, stop words removed, in order.</summary>
    public static IReadOnlyList<string> Extract(string query)
    {
        var terms = new List<string>();
        foreach (Match match in WordRegex().Matches(query))
        {
            var word = match.Value.ToLowerInvariant();
            if (!StopWords.Contains(word) && !terms.Contains(word))
            {
                terms.Add(word);
                if (terms.Count == MaxTerms)
                {
                    break;
                }
            }
        }

        return terms;
    }

    /// <summary>True for words that carry no meaning for search ("the", "which").</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word.ToLowerInvariant());

    /// <summary>An FTS5 expression matching any of the terms: each one quoted, so it is a plain token.</summary>
    public static string AnyOf(IEnumerable<string> terms) => string.Join(" OR ", terms.Select(Quote));

    /// <summary>An FTS5 expression matching all of the terms.</summary>
    public static string AllOf(IEnumerable<string> terms) => string.Join(" AND ", terms.Select(Quote));

    /// <summary>An FTS5 phrase: the words in this order, next to each other (each a plain token).</summary>
    public static string Phrase(IEnumerable<string> words) => Quote(string.Join(' ', words));

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// A word: letters and digits. The ending of a contraction ("we're", "you've", "isn't", "model's") is not one:
    /// "re" would otherwise be searched as if the question were about "re-ranking".
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}]|\p{L}['’])[\p{L}\p{N}]+")]
    internal static partial Regex WordRegex();
}
