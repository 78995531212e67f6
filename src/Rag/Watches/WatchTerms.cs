using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Watches;

/// <summary>The words a new watch searches for: the topic's content words, each weighted by its idf in the index, as a question's words are.</summary>
public static class WatchTerms
{
    /// <summary>A word no paper contains yet still weighs this much: a watch waits for a topic the index has not seen.</summary>
    private const double UnseenWeight = 1;

    /// <summary>What <paramref name="watch"/> looks for now: its tuned weights, else its topic's.</summary>
    public static IReadOnlyDictionary<string, double> Current(PaperLookup lookup, Watch watch) => watch.Tuned ?? Initial(lookup, watch.Topic);

    public static Dictionary<string, double> Initial(PaperLookup lookup, string topic)
    {
        var words = TextTerms.Words(topic).Where(TextTerms.IsContentWord).Distinct(StringComparer.Ordinal).Take(QueryTerms.MaxTerms).ToList();
        var (documents, total) = lookup.DocumentFrequencies(words);
        return words.ToDictionary(
            w => w,
            w => documents.GetValueOrDefault(w) is var docs and > 0 ? Math.Max(Math.Log((total + 1.0) / (docs + 0.5)), 0.1) : UnseenWeight,
            StringComparer.Ordinal);
    }
}
