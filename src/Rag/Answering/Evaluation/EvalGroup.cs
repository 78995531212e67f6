namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// The figures of one kind of question in one split. Retrieval figures, the answered share and the shown share
/// are over answerable questions; the declined share over unanswerable ones; the fact share over questions that
/// name a fact. A figure is null where no question of the group measures it.
/// </summary>
public sealed record EvalGroup(
    EvalSplit Split, EvalKind Kind, int Questions, double? RecallAt5, double? RecallAt10, double? Mrr,
    double? AnsweredShare, double? DeclinedShare, double? FactShare, double? ShownGoldShare)
{
    /// <summary>Of the questions asked with a day or range: the share whose words named the same days.</summary>
    public double? DateUnderstoodShare { get; init; }

    /// <summary>Of the questions asked with a day or range: the gold share shown when the range came from the question's words alone.</summary>
    public double? ShownWithDateInQuestion { get; init; }

    public static EvalGroup Of(EvalSplit split, EvalKind kind, IReadOnlyList<EvalOutcome> outcomes)
    {
        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var unanswerable = outcomes.Where(o => !o.Question.Answerable).ToList();
        var withFact = outcomes.Where(o => o.ContainsFact is not null).ToList();
        var dated = outcomes.Where(o => o.DateUnderstood is not null).ToList();
        return new EvalGroup(
            split, kind, outcomes.Count,
            Share(answerable, o => o.RecallAt5),
            Share(answerable, o => o.RecallAt10),
            Share(answerable, o => o.FirstGoldRank is { } rank ? 1.0 / rank : 0),
            Share(answerable, o => o.Answered ? 1 : 0),
            Share(unanswerable, o => o.Answered ? 0 : 1),
            Share(withFact, o => o.ContainsFact == true ? 1 : 0),
            Share(answerable, o => o.ShownGoldShare ?? 0))
        {
            DateUnderstoodShare = Share(dated, o => o.DateUnderstood == true ? 1 : 0),
            ShownWithDateInQuestion = Share(dated.Where(o => o.Question.Answerable).ToList(), o => o.ShownWithDateInQuestion ?? 0),
        };
    }

    private static double? Share(List<EvalOutcome> outcomes, Func<EvalOutcome, double> value) =>
        outcomes.Count == 0 ? null : outcomes.Average(value);
}
