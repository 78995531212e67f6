using System.Runtime.CompilerServices;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// bm25 over one day's papers, computed in memory with the formula and column weights of the index's search (a title
/// word counts ten abstract words; k1 1.2, b 0.75), each word weighted by the topic's weight for it in place of its
/// idf. FTS5's own bm25 counts each word's documents by reading the word's whole doclist, a cost that grows with the
/// index (45 ms a topic and day over the 7,575 papers of the archive), while a day holds a few dozen papers.
/// </summary>
internal static class DayKeywordRanking
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int TitleWeight = 10;

    // Counted once per paper object: a day's papers, read once, are ranked for every watch.
    private static readonly ConditionalWeakTable<Paper, Counted> CountsOf = [];

    /// <summary>The papers holding any of the weighted stems, best first.</summary>
    public static List<SearchHit> Rank(IReadOnlyList<(long Pid, Paper Paper)> papers, IReadOnlyDictionary<string, double> stemWeights)
    {
        var documents = papers.Select(p => (p.Pid, p.Paper, Counted: CountsOf.GetValue(p.Paper, paper => new Counted(Counts(paper.Title), Counts(paper.Abstract)))))
            .Select(d => (d.Pid, d.Paper, d.Counted.Title, Abstract: d.Counted.Abstract)).ToList();
        if (documents.Count == 0)
        {
            return [];
        }

        var averageLength = documents.Average(d => d.Title.Length + d.Abstract.Length);
        var hits = new List<SearchHit>();
        foreach (var (pid, paper, title, body) in documents)
        {
            var norm = K1 * (1 - B + (B * (title.Length + body.Length) / Math.Max(averageLength, 1)));
            var score = 0.0;
            foreach (var (stem, weight) in stemWeights)
            {
                var frequency = (TitleWeight * title.Frequency.GetValueOrDefault(stem)) + body.Frequency.GetValueOrDefault(stem);
                score += frequency == 0 ? 0 : weight * frequency * (K1 + 1) / (frequency + norm);
            }

            if (score > 0)
            {
                hits.Add(new SearchHit(pid, paper, score, ""));
            }
        }

        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Pid)];
    }

    private sealed record Counted((int Length, Dictionary<string, int> Frequency) Title, (int Length, Dictionary<string, int> Frequency) Abstract);

    /// <summary>The text's length in words and how often each stem occurs.</summary>
    private static (int Length, Dictionary<string, int> Frequency) Counts(string text)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        foreach (var word in TextTerms.Words(text))
        {
            length++;
            var stem = WordStemmer.Stem(word);
            frequency[stem] = frequency.GetValueOrDefault(stem) + 1;
        }

        return (length, frequency);
    }
}
