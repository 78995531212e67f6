using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The sentence of an abstract that shares the most words with the rest of it: the one closest to what the
/// whole abstract is about, usually the contribution rather than the background or a number.
/// </summary>
public static class CentralSentence
{
    public static string Of(string abstractText)
    {
        var sentences = SentenceSplitter.Split(abstractText);
        if (sentences.Count <= 1)
        {
            return abstractText.Trim();
        }

        var stems = sentences.Select(s => TextTerms.Stems(s).ToHashSet(StringComparer.Ordinal)).ToList();
        var best = 0;
        var bestScore = double.MinValue;
        for (var i = 0; i < sentences.Count; i++)
        {
            var score = 0.0;
            for (var j = 0; j < sentences.Count; j++)
            {
                if (i != j && stems[i].Count > 0 && stems[j].Count > 0)
                {
                    // Cosine of binary word vectors: long sentences do not win by length alone.
                    score += stems[i].Count(stems[j].Contains) / Math.Sqrt(stems[i].Count * (double)stems[j].Count);
                }
            }

            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return sentences[best];
    }
}
