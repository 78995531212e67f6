using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// Keyword search for a question that asks for the papers on a topic ("which papers…", "what work is there on…").
/// People ask those in their own words, and plain bm25 then ranks by the rarest word of the question, often an
/// everyday one ("choose", "comes", "making") that the papers on the topic do not use. Two corrections:
/// <list type="bullet">
/// <item>each pair of adjacent words of the question also counts as a phrase ("in-context learning", "data
/// mixtures"): papers on the topic use the phrase, a paper that shares one rare everyday word does not;</item>
/// <item>pseudo-relevance feedback: the words that the best few papers of that first search have in common,
/// weighted by how much each paper uses them (title and the API's keywords above the abstract), by the paper's
/// rank and by idf, join the question at half weight, so papers that name the topic in the field's own words
/// are found (reward-model papers that never say "RLHF", for a question about reward models for RLHF).</item>
/// </list>
/// Whether the index covers the question at all is decided before, on the question's own words (<see cref="RelevanceGate"/>).
/// </summary>
public sealed class TopicSearch(PaperStore store)
{
    /// <summary>The best papers of the first search that the expansion words are drawn from.</summary>
    private const int FeedbackPapers = 5;

    /// <summary>How many expansion words join the question.</summary>
    private const int ExpansionWords = 8;

    /// <summary>A word must occur in this many feedback papers: one paper's own vocabulary is not the topic's.</summary>
    private const int MinFeedbackPapers = 2;

    /// <summary>The question's words and phrases count twice, an expansion word once (its weight is a half).</summary>
    private const int QuestionWeight = 2;

    /// <summary>Title words and the API's keywords say what a paper is about more than any word of its abstract.</summary>
    private const int TitleAndKeywordWeight = 3;

    public IReadOnlyList<SearchHit> Search(string question, int top)
    {
        var words = TextTerms.Words(question).ToList();
        var content = words.Where(TextTerms.IsContentWord).Distinct(StringComparer.Ordinal).Take(QueryTerms.MaxTerms).ToList();
        if (content.Count == 0)
        {
            return [];
        }

        var (papers, terms) = store.TermFrequencies(content);
        // As in a plain search, words in most papers add nothing but cost (and the rarest word stays if all are common).
        var known = terms.Where(t => papers == 0 || t.Docs > 0).ToList();
        var informative = known.Where(t => papers == 0 || t.Docs * 2 <= papers).ToList();
        var kept = informative.Count > 0 ? informative : known.OrderBy(t => t.Docs).Take(1).ToList();
        if (kept.Count == 0)
        {
            return [];
        }

        var phrases = kept.Select(t => new WeightedPhrase([t.Word], 1))
            .Concat(words.Zip(words.Skip(1)).Where(p => TextTerms.IsContentWord(p.First) && TextTerms.IsContentWord(p.Second))
                .Distinct().Select(p => new WeightedPhrase([p.First, p.Second], 1)))
            .ToList();
        var feedback = store.SearchWeighted(phrases, FeedbackPapers);
        var expansion = Expansion(feedback, terms.Select(t => t.Stem).ToHashSet(StringComparer.Ordinal));
        return store.SearchWeighted(
            [.. phrases.Select(p => p with { Weight = QuestionWeight }), .. expansion.Select(w => new WeightedPhrase([w], 1))], top);
    }

    /// <summary>
    /// The words the feedback papers share, best first: each paper adds, for each of its words, the word's share of
    /// the paper's words times its idf, the paper weighted by 1/√rank. Words of the question, numbers and words in
    /// most papers are left out.
    /// </summary>
    private List<string> Expansion(IReadOnlyList<SearchHit> feedback, HashSet<string> questionStems)
    {
        var perPaper = feedback.Select(h => Weighted(h.Paper.Title, TitleAndKeywordWeight)
            .Concat(Weighted(h.Paper.Abstract, 1))
            .Concat(Weighted(string.Join(' ', h.Paper.AiKeywords), TitleAndKeywordWeight)).ToList()).ToList();
        var (papers, terms) = store.TermFrequencies([.. perPaper.SelectMany(p => p.Select(w => w.Word)).Distinct(StringComparer.Ordinal)]);
        if (papers == 0)
        {
            return [];
        }

        var byWord = terms.ToDictionary(t => t.Word, StringComparer.Ordinal);
        var scores = new Dictionary<string, (double Score, int Papers, string Word)>(StringComparer.Ordinal);
        for (var rank = 0; rank < perPaper.Count; rank++)
        {
            var counts = new Dictionary<string, (int Count, string Word)>(StringComparer.Ordinal);
            foreach (var (word, weight) in perPaper[rank])
            {
                var term = byWord[word];
                if (term.Docs == 0 || term.Docs * 2 > papers || questionStems.Contains(term.Stem))
                {
                    continue;
                }

                var (count, first) = counts.GetValueOrDefault(term.Stem, (0, word));
                counts[term.Stem] = (count + weight, first);
            }

            var length = (double)perPaper[rank].Sum(w => w.Weight);
            foreach (var (stem, (count, word)) in counts)
            {
                var idf = Math.Log((papers + 1.0) / (byWord[word].Docs + 0.5));
                var score = count / length * idf / Math.Sqrt(rank + 1);
                var sum = scores.GetValueOrDefault(stem, (0, 0, word));
                scores[stem] = (sum.Score + score, sum.Papers + 1, sum.Word);
            }
        }

        return [.. scores.Values.Where(s => s.Papers >= MinFeedbackPapers).OrderByDescending(s => s.Score).ThenBy(s => s.Word, StringComparer.Ordinal)
            .Take(ExpansionWords).Select(s => s.Word)];
    }

    private static IEnumerable<(string Word, int Weight)> Weighted(string text, int weight) =>
        TextTerms.Words(text).Where(w => TextTerms.IsContentWord(w) && !w.All(char.IsDigit)).Select(w => (w, weight));
}
