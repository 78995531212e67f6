using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// Decides which retrieved papers are relevant enough to answer from, and "not covered" when none is. A paper
/// passes when it mentions every name the question uses and either contains enough of the question's weighted
/// words or, with a little less, is the clear winner of the keyword ranking (paraphrases share fewer words with
/// the abstract, but the paper they mean still stands out). An embedding similarity above its floor also passes.
/// </summary>
public sealed class RelevanceGate(RetrievalOptions options)
{
    /// <summary>Only the best few are looked at: a question is covered when one of them clearly matches it.</summary>
    private const int GateDepth = 3;

    /// <summary>
    /// The share of <see cref="RetrievalOptions.MinTermCoverage"/> a clear winner needs. Paraphrased questions bring
    /// everyday words ("a photo", "instead of describing") that abstracts do not use.
    /// </summary>
    private const double WinnerCoverageFactor = 0.8;

    /// <summary>How far the best keyword score must lead the second for the best to count as the clear winner.</summary>
    private const double WinnerLead = 1.35;

    public IReadOnlyList<RetrievedPaper> Select(string question, IReadOnlyList<RetrievedPaper> ranked, bool dayRange) =>
        Covers(question, ranked) ? Keep(question, ranked, dayRange) : [];

    /// <summary>True when one of the best papers clearly answers the question: it is covered by the index.</summary>
    public bool Covers(string question, IReadOnlyList<RetrievedPaper> ranked)
    {
        var names = QuestionNames.Of(question);
        return ranked.Take(GateDepth).Any(p => Names(p, names) && (Matches(p) || p.Similarity >= options.MinSimilarity))
            || (ClearWinner(ranked) && Names(ranked[0], names) && ranked[0].TermCoverage >= options.MinTermCoverage * WinnerCoverageFactor);
    }

    /// <summary>
    /// The papers of a covered question to answer from. Past the gate, weaker papers may still add to the answer,
    /// but one that shares little is noise. A day or range question asks for every matching paper of those days,
    /// so it is not cut to the top few.
    /// </summary>
    public IReadOnlyList<RetrievedPaper> Keep(string question, IReadOnlyList<RetrievedPaper> ranked, bool dayRange)
    {
        var names = QuestionNames.Of(question);
        var kept = ranked.Where(p => Names(p, names) && (p.TermCoverage >= options.MinTermCoverage * WinnerCoverageFactor || p.Similarity >= options.MinSimilarity));
        return dayRange
            ? [.. kept.Where(p => p.TermCoverage >= options.MinTermCoverage || p.Similarity >= options.MinSimilarity)]
            : [.. kept.Take(options.TopK)];
    }

    private bool Matches(RetrievedPaper paper) =>
        paper.TermCoverage >= options.MinTermCoverage && (paper.KeywordScore ?? 0) >= options.MinScore;

    private static bool ClearWinner(IReadOnlyList<RetrievedPaper> ranked) =>
        ranked.Count > 0 && ranked[0].KeywordScore is { } best
        && (ranked.Count == 1 || ranked[1].KeywordScore is not { } second || best >= WinnerLead * second);

    private static bool Names(RetrievedPaper paper, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return true;
        }

        var text = paper.Paper.Title + " " + paper.Paper.Abstract + " " + string.Join(' ', paper.Paper.AiKeywords);
        return names.All(n => QuestionNames.MentionedIn(n, text));
    }
}
