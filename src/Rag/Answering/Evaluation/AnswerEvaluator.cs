using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>Runs an evaluation set: retrieval ranking against the gold titles, then the full answer for the citation and fact checks.</summary>
public sealed class AnswerEvaluator(Retriever retriever, Answerer answerer)
{
    private const int RankDepth = 10;

    public async Task<EvalReport> RunAsync(IReadOnlyList<EvalQuestion> questions, bool noModel, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<EvalOutcome>(questions.Count);
        foreach (var question in questions)
        {
            outcomes.Add(await EvaluateAsync(question, noModel, cancellationToken));
        }

        var withFact = outcomes.Where(o => o.ContainsFact is not null).ToList();
        return new EvalReport(
            outcomes.Count,
            outcomes.Average(o => o.RecallAt5),
            outcomes.Average(o => o.RecallAt10),
            outcomes.Average(o => o.FirstGoldRank is { } rank ? 1.0 / rank : 0),
            answerer.HasModel && !noModel ? AnswerMode.Model : AnswerMode.Extractive,
            outcomes.Count(o => o.CitationsValid) / (double)outcomes.Count,
            withFact.Count == 0 ? null : withFact.Count(o => o.ContainsFact == true) / (double)withFact.Count,
            outcomes);
    }

    private async Task<EvalOutcome> EvaluateAsync(EvalQuestion question, bool noModel, CancellationToken cancellationToken)
    {
        var retrieval = await retriever.RetrieveAsync(question.Question, null, null, cancellationToken);
        var gold = question.GoldTitles.Select(PaperIdentity.TitleKey).ToHashSet(StringComparer.Ordinal);
        var ranked = retrieval.Ranked.Take(RankDepth).Select(p => PaperIdentity.TitleKey(p.Paper.Title)).ToList();
        var firstGold = ranked.FindIndex(gold.Contains);

        var answer = await answerer.AskAsync(new AnswerRequest(question.Question) { NoModel = noModel }, cancellationToken);
        bool? containsFact = question.AnswerContains is { } fact ? answer.Answer.Contains(fact, StringComparison.OrdinalIgnoreCase) : null;
        return new EvalOutcome(
            question.Question,
            firstGold < 0 ? null : firstGold + 1,
            Recall(ranked.Take(5), gold),
            Recall(ranked, gold),
            answer.Complete && answer.DroppedCitations == 0,
            containsFact,
            answer.Answer);
    }

    private static double Recall(IEnumerable<string> ranked, HashSet<string> gold) =>
        ranked.Count(gold.Contains) / (double)gold.Count;
}
