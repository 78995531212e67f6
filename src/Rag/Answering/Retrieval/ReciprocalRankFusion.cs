namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// Reciprocal rank fusion: each ranking gives an item 1/(k + rank). It needs no score calibration between
/// bm25 and cosine similarity, which live on unrelated scales.
/// </summary>
public static class ReciprocalRankFusion
{
    public static IReadOnlyList<(long Id, double Score)> Fuse(int k, params IReadOnlyList<long>[] rankings)
    {
        var scores = new Dictionary<long, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (k + rank + 1);
            }
        }

        return [.. scores.Select(s => (s.Key, s.Value)).OrderByDescending(s => s.Value).ThenBy(s => s.Key)];
    }
}
