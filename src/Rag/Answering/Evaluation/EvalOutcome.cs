namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// How one question fared: the 1-based rank of the first gold paper (null when not in the top 10), the gold
/// share found in the top 5 and 10, whether it was answered (not declined), whether every citation was valid,
/// whether the answer contained the expected fact (null when the question names none), the share of the gold
/// papers among the sources shown (null for unanswerable questions) and how long the answer took.
/// </summary>
public sealed record EvalOutcome(
    EvalQuestion Question, int? FirstGoldRank, double RecallAt5, double RecallAt10, bool Answered, bool CitationsValid,
    bool? ContainsFact, double? ShownGoldShare, TimeSpan Elapsed, string Answer);
