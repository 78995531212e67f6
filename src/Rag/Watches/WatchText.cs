using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Watches;

/// <summary>What every front end shows of a watch and its matches, worded once.</summary>
public static class WatchText
{
    /// <summary>An alert's sentence longer than this is cut: the title and link carry the rest.</summary>
    public const int MaxSentenceLength = 280;

    /// <summary>How many of a watch's heaviest words "show" lists.</summary>
    public const int ShownWords = 12;

    /// <summary>The abstract's first sentence: what the paper does, in its authors' words.</summary>
    public static string Sentence(Paper paper)
    {
        var sentences = SentenceSplitter.Split(paper.Abstract);
        var first = sentences.Count == 0 ? "" : sentences[0].Trim();
        return first.Length <= MaxSentenceLength ? first : first[..(MaxSentenceLength - 1)].TrimEnd() + "…";
    }

    /// <summary>The rules of a watch in one line ("must: GUI · not: diffusion · by: Jane Doe · from: nvidia"); empty without rules.</summary>
    public static string Rules(Watch watch) => string.Join(" · ", new[]
    {
        ("must", watch.Must), ("not", watch.Exclude), ("by", watch.Authors), ("from", watch.Organizations),
    }.Where(r => r.Item2.Count > 0).Select(r => $"{r.Item1}: {string.Join(", ", r.Item2)}"));

    /// <summary>The words a watch looks for now, heaviest first.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Looks(IReadOnlyDictionary<string, double> weights) =>
        [.. weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(ShownWords)];
}
