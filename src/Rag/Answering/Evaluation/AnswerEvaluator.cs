using System.Diagnostics;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Evaluation;

/// <summary>
/// Runs an evaluation set: retrieval ranking against the gold titles, then the full answer (with the question's
/// day range) for the answered/declined, citation, fact and shown-sources checks.
/// </summary>
public sealed class AnswerEvaluator(Retriever retriever, PeriodResolver periods, Answerer answerer)
{
    private const int RankDepth = 10;

    public async Task<EvalReport> RunAsync(IReadOnlyList<EvalQuestion> questions, bool noModel, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<EvalOutcome>(questions.Count);
        foreach (var question in questions)
        {
            outcomes.Add(await EvaluateAsync(question, noModel, cancellationToken));
        }

        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var withFact = outcomes.Where(o => o.ContainsFact is not null).ToList();
        var groups = outcomes.GroupBy(o => (o.Question.Split, o.Question.Kind)).OrderBy(g => g.Key.Split).ThenBy(g => g.Key.Kind)
            .Select(g => EvalGroup.Of(g.Key.Split, g.Key.Kind, [.. g])).ToList();
        return new EvalReport(
            outcomes.Count,
            answerable.Count == 0 ? 0 : answerable.Average(o => o.RecallAt5),
            answerable.Count == 0 ? 0 : answerable.Average(o => o.RecallAt10),
            answerable.Count == 0 ? 0 : answerable.Average(o => o.FirstGoldRank is { } rank ? 1.0 / rank : 0),
            answerer.HasModel && !noModel ? AnswerMode.Model : AnswerMode.Extractive,
            outcomes.Count(o => o.CitationsValid) / (double)outcomes.Count,
            withFact.Count == 0 ? null : withFact.Count(o => o.ContainsFact == true) / (double)withFact.Count,
            groups,
            TimeSpan.FromTicks((long)outcomes.Average(o => o.Elapsed.Ticks)),
            outcomes,
            retriever.IsHybrid ? retriever.Embeddings!.Model : null);
    }

    private async Task<EvalOutcome> EvaluateAsync(EvalQuestion question, bool noModel, CancellationToken cancellationToken)
    {
        var request = new AnswerRequest(question.Question) { NoModel = noModel, From = question.From, To = question.To };
        var (period, search) = periods.Resolve(request, question.Question);
        var retrieval = await retriever.RetrieveAsync(search, period?.From, period?.To, cancellationToken);
        var gold = question.GoldTitles.Select(PaperIdentity.TitleKey).ToHashSet(StringComparer.Ordinal);
        var ranked = retrieval.Ranked.Take(RankDepth).Select(p => PaperIdentity.TitleKey(p.Paper.Title)).ToList();
        var firstGold = ranked.FindIndex(gold.Contains);

        var watch = Stopwatch.StartNew();
        var answer = await answerer.AskAsync(request, cancellationToken);
        var elapsed = watch.Elapsed;
        bool? dateUnderstood = null;
        double? shownWithDateInQuestion = null;
        if (question.From is not null || question.To is not null)
        {
            // The same question with its range left to its own words, as people type it into the chat or Discord.
            var asTyped = await answerer.AskAsync(request with { From = null, To = null }, cancellationToken);
            dateUnderstood = asTyped.Period is { FromQuestion: true } typed && typed.From == question.From && typed.To == question.To;
            shownWithDateInQuestion = gold.Count == 0 ? null : asTyped.Complete && !asTyped.Declined ? Recall(asTyped.Sources.Select(s => PaperIdentity.TitleKey(s.Title)), gold) : 0;
        }

        var answered = answer.Complete && !answer.Declined;
        bool? containsFact = question.AnswerContains is { } fact ? answered && answer.Answer.Contains(fact, StringComparison.OrdinalIgnoreCase) : null;
        double? shown = gold.Count == 0 ? null : answered ? Recall(answer.Sources.Select(s => PaperIdentity.TitleKey(s.Title)), gold) : 0;
        return new EvalOutcome(
            question,
            firstGold < 0 ? null : firstGold + 1,
            Recall(ranked.Take(5), gold),
            Recall(ranked, gold),
            answered,
            answer.Complete && answer.DroppedCitations == 0,
            containsFact,
            shown,
            elapsed,
            answer.Answer)
        {
            TopCandidates = [.. retrieval.Ranked.Take(3)],
            TermWeights = retrieval.TermWeights,
            DateUnderstood = dateUnderstood,
            Outcome = answer.Outcome,
            Evidence = retrieval.Evidence,
            Probability = retrieval.Probability,
            ShownWithDateInQuestion = shownWithDateInQuestion,
        };
    }

    private static double Recall(IEnumerable<string> ranked, HashSet<string> gold) =>
        gold.Count == 0 ? 0 : ranked.Distinct(StringComparer.Ordinal).Count(gold.Contains) / (double)gold.Count;
}
