using PaperBot.Rag.Answering.Retrieval;

namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// How one question fared: the 1-based rank of the first gold paper (null when not in the top 10), the gold
/// share found in the top 5 and 10, whether it was answered (not declined), whether every citation was valid,
/// whether the answer contained the expected fact (null when the question names none), the share of the gold
/// papers among the sources shown (null for unanswerable questions) and how long the answer took.
/// </summary>
public sealed record EvalOutcome(
    EvalQuestion Question, int? FirstGoldRank, double RecallAt5, double RecallAt10, bool Answered, bool CitationsValid,
    bool? ContainsFact, double? ShownGoldShare, TimeSpan Elapsed, string Answer)
{
    /// <summary>The best few candidates as retrieval ranked them, with the evidence the relevance gate weighed: for diagnosing a wrong decision.</summary>
    public IReadOnlyList<RetrievedPaper> TopCandidates { get; init; } = [];

    /// <summary>
    /// For a question with a day or range: whether asking it without the range found the same days in its words
    /// (null for other questions), and the gold share shown then.
    /// </summary>
    public bool? DateUnderstood { get; init; }

    /// <inheritdoc cref="DateUnderstood"/>
    public double? ShownWithDateInQuestion { get; init; }

    /// <summary>Answered, closest or declined, as the answer says.</summary>
    public RelevanceOutcome Outcome { get; init; }

    /// <summary>The evidence the relevance decision read and the probability it gave (what <c>fit-relevance</c> fits on).</summary>
    public RelevanceEvidence? Evidence { get; init; }

    /// <inheritdoc cref="Evidence"/>
    public double Probability { get; init; }

    /// <summary>The question's content words (stems) and their idf.</summary>
    public IReadOnlyDictionary<string, double> TermWeights { get; init; } = new Dictionary<string, double>();
}
