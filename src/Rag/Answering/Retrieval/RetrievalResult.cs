namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// What retrieval found: <see cref="Ranked"/>, every candidate in fused order (for evaluation), and
/// <see cref="Papers"/>, the relevant top ones an answer is built from; empty when nothing is relevant.
/// <see cref="TermWeights"/> gives the idf of each of the query's content words, keyed by stem.
/// </summary>
public sealed record RetrievalResult(
    string Query, IReadOnlyList<RetrievedPaper> Ranked, IReadOnlyList<RetrievedPaper> Papers, IReadOnlyDictionary<string, double> TermWeights)
{
    public bool FoundRelevant => Papers.Count > 0;

    /// <summary>Whether the papers answer the question, are only the closest ones, or nothing related was found.</summary>
    public RelevanceOutcome Outcome { get; init; } = RelevanceOutcome.Answered;

    /// <summary>The evidence of the candidate the decision trusted most, and the probability the model gave it (for evaluation).</summary>
    public RelevanceEvidence? Evidence { get; init; }

    /// <inheritdoc cref="Evidence"/>
    public double Probability { get; init; }
}
