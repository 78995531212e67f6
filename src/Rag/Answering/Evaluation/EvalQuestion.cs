namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// One line of an evaluation file: a question, the titles of the papers that answer it (none for an unanswerable
/// one), optionally a phrase the answer must contain (the key fact as the abstract writes it: a number, a name),
/// its kind and split, and for day questions the day (<see cref="From"/> = <see cref="To"/>) or range it is asked with.
/// </summary>
public sealed record EvalQuestion(string Question, IReadOnlyList<string> GoldTitles, string? AnswerContains = null)
{
    public EvalKind Kind { get; init; } = EvalKind.Exists;

    public EvalSplit Split { get; init; } = EvalSplit.Tune;

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>True when some indexed paper answers the question.</summary>
    public bool Answerable => Kind != EvalKind.Unanswerable;
}
