namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// Retrieval and answer metrics over an evaluation set: overall retrieval figures over the answerable
/// questions, then <see cref="Groups"/>, one per split and kind. <see cref="CitationsValidShare"/> is the share of
/// answers whose citations all named supplied sources (meaningful with a model: extractive answers always cite
/// validly); <see cref="FactShare"/> the share of answers containing their expected fact, over questions that name one.
/// <see cref="EmbeddingModel"/> names the embedding model when retrieval was hybrid, null when it was keywords only.
/// </summary>
public sealed record EvalReport(
    int Questions, double RecallAt5, double RecallAt10, double Mrr, AnswerMode Mode, double CitationsValidShare, double? FactShare,
    IReadOnlyList<EvalGroup> Groups, TimeSpan MeanAnswerTime, IReadOnlyList<EvalOutcome> Outcomes, string? EmbeddingModel)
{
    /// <summary>The group of one split and kind, or null when the set has no such questions.</summary>
    public EvalGroup? Group(EvalSplit split, EvalKind kind) => Groups.FirstOrDefault(g => g.Split == split && g.Kind == kind);
}
