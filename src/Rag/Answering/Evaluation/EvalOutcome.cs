namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// How one question fared: the 1-based rank of the first gold paper (null when not in the top 10), the gold
/// share found in the top 5 and 10, whether every citation of the answer was valid, and whether the answer
/// contained the expected fact (null when the question names none).
/// </summary>
public sealed record EvalOutcome(
    string Question, int? FirstGoldRank, double RecallAt5, double RecallAt10, bool CitationsValid, bool? ContainsFact, string Answer);
