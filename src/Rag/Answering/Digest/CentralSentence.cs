using System.Text.RegularExpressions;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The sentence of an abstract that shares the most words with the rest of it: the one closest to what the
/// whole abstract is about. A sentence stating the contribution ("we propose") is preferred; one that leans on
/// the sentence before it ("Besides, ...", "2) ...") reads badly alone and is avoided.
/// </summary>
public static partial class CentralSentence
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

            if (ContributionRegex().IsMatch(sentences[i]))
            {
                score *= 1.3;
            }

            if (DependentOpeningRegex().IsMatch(sentences[i]))
            {
                score *= 0.6;
            }

            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return sentences[best];
    }

    [GeneratedRegex(@"\b(we|this (paper|work))\s+(propose|introduce|present|develop)", RegexOptions.IgnoreCase)]
    private static partial Regex ContributionRegex();

    [GeneratedRegex(@"^(\(?\d+\)|\(?[ivx]+\)|besides|moreover|however|furthermore|additionally|also|then|finally|specifically|in addition|in contrast|this|these|it|they)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DependentOpeningRegex();
}
