namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// Retrieval and answer metrics over an evaluation set. <see cref="CitationsValidShare"/> is the share of
/// answers whose citations all named supplied sources (meaningful with a model: extractive answers always cite
/// validly); <see cref="FactShare"/> the share of answers containing their expected fact, over questions that name one.
/// </summary>
public sealed record EvalReport(
    int Questions, double RecallAt5, double RecallAt10, double Mrr, AnswerMode Mode, double CitationsValidShare, double? FactShare,
    IReadOnlyList<EvalOutcome> Outcomes);
