using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Watches;

/// <summary>
/// 👍 / 👎 on an alert: the papers it lists are recorded as liked or disliked for the watch, and the watch's word
/// weights are recomputed by Rocchio's update from every paper it was ever given feedback on:
/// q = α·q₀ + β·mean(liked) − γ·mean(disliked), each paper a tf-idf vector of its title (counted three times, as
/// the words it is about), abstract and keywords, scaled to the length of q₀. Recomputing from all feedback makes
/// a repeated reaction change nothing, and a changed mind (👎 after 👍) count once.
/// </summary>
public sealed class WatchFeedback(PaperStore store, PaperLookup lookup)
{
    // Rocchio's classic weights (Salton and Buckley): the topic as written stays the anchor.
    private const double Alpha = 1.0;
    private const double Beta = 0.75;
    private const double Gamma = 0.25;

    /// <summary>Words the feedback may add beyond the topic's own: the liked papers' heaviest shared words.</summary>
    private const int AddedWords = 8;

    private const int TitleWeight = 3;

    /// <summary>Records the feedback on the papers of alert message <paramref name="messageId"/>; the updated watch, or null when the message is no alert.</summary>
    public Watch? Apply(string messageId, bool liked, WatchLedger ledger)
    {
        if (ledger.ByMessage(messageId) is not { } alert)
        {
            return null;
        }

        store.EnsureWritable();
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using (var record = WatchStore.Command(connection, transaction, $"""
            UPDATE watch_deliveries SET feedback = $feedback
            WHERE watch_id = $watch AND pid IN (SELECT pid FROM papers WHERE id IN ({string.Join(',', alert.PaperIds.Select((_, i) => $"$p{i}"))}))
            """))
        {
            record.Parameters.AddWithValue("$feedback", liked ? 1 : -1);
            record.Parameters.AddWithValue("$watch", alert.WatchId);
            for (var i = 0; i < alert.PaperIds.Count; i++)
            {
                record.Parameters.AddWithValue($"$p{i}", alert.PaperIds[i]);
            }

            record.ExecuteNonQuery();
        }

        if (WatchStore.Get(connection, transaction, alert.WatchId) is not { } watch)
        {
            return null;
        }

        var feedback = new List<(long Pid, int Sign)>();
        using (var read = WatchStore.Command(connection, transaction, "SELECT pid, feedback FROM watch_deliveries WHERE watch_id = $watch AND feedback <> 0"))
        {
            read.Parameters.AddWithValue("$watch", watch.Id);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                feedback.Add((reader.GetInt64(0), reader.GetInt32(1)));
            }
        }

        var papers = lookup.ByPid([.. feedback.Select(f => f.Pid)]);
        var weights = Update(
            WatchTerms.Initial(lookup, watch.Topic),
            [.. feedback.Where(f => f.Sign > 0 && papers.ContainsKey(f.Pid)).Select(f => papers[f.Pid])],
            [.. feedback.Where(f => f.Sign < 0 && papers.ContainsKey(f.Pid)).Select(f => papers[f.Pid])]);
        var saved = WatchStore.SaveWeights(connection, transaction, watch.Id, weights);
        transaction.Commit();
        return watch with { Tuned = saved };
    }

    /// <summary>Rocchio's update of <paramref name="topic"/>'s weights; words left with no weight are dropped.</summary>
    public Dictionary<string, double> Update(IReadOnlyDictionary<string, double> topic, IReadOnlyList<Paper> liked, IReadOnlyList<Paper> disliked)
    {
        var length = Math.Sqrt(topic.Values.Sum(w => w * w));
        var likedMean = Mean(liked, length);
        var dislikedMean = Mean(disliked, length);
        var added = likedMean.Where(w => !topic.ContainsKey(w.Key)).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Take(AddedWords).Select(w => w.Key);
        return topic.Keys.Concat(added)
            .Select(word => (word, weight: (Alpha * topic.GetValueOrDefault(word)) + (Beta * likedMean.GetValueOrDefault(word)) - (Gamma * dislikedMean.GetValueOrDefault(word))))
            .Where(w => w.weight > 0)
            .ToDictionary(w => w.word, w => w.weight, StringComparer.Ordinal);
    }

    /// <summary>The mean of the papers' tf-idf vectors, each scaled to <paramref name="length"/>.</summary>
    private Dictionary<string, double> Mean(IReadOnlyList<Paper> papers, double length)
    {
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        if (papers.Count == 0 || length <= 0)
        {
            return sum;
        }

        foreach (var paper in papers)
        {
            var counts = Words(paper.Title).SelectMany(w => Enumerable.Repeat(w, TitleWeight))
                .Concat(Words(paper.Abstract)).Concat(Words(string.Join(' ', paper.AiKeywords)))
                .GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var (documents, total) = lookup.DocumentFrequencies(counts.Keys);
            var vector = counts.ToDictionary(c => c.Key, c => documents.GetValueOrDefault(c.Key) is var docs and > 0
                ? c.Value * Math.Log((total + 1.0) / (docs + 0.5)) : 0, StringComparer.Ordinal);
            var norm = Math.Sqrt(vector.Values.Sum(v => v * v));
            foreach (var (word, value) in vector.Where(v => v.Value > 0))
            {
                sum[word] = sum.GetValueOrDefault(word) + (value / norm * length / papers.Count);
            }
        }

        return sum;
    }

    private static IEnumerable<string> Words(string text) => TextTerms.Words(text).Where(w => TextTerms.IsContentWord(w) && !w.All(char.IsDigit));
}
