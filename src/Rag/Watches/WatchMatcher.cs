using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Watches;

/// <summary>
/// Which papers of a day a watch matches: those the relevance decision of the answers judges relevant to its topic
/// (<see cref="Retriever.JudgeDayAsync"/>, with the watch's current word weights), and those by one of its authors or
/// organizations; then its must-have and excluded words filter them all.
/// </summary>
public sealed class WatchMatcher(Retriever retriever, PaperStore store, PaperLookup lookup)
{
    private readonly RelevanceModel _model = RelevanceModel.Default;

    /// <summary>The watch's words named as the reason a paper matched, at most.</summary>
    private const int ReasonWords = 4;

    /// <summary>
    /// The papers of <paramref name="day"/> that <paramref name="watch"/> matches, best first. Give the day's
    /// <paramref name="papers"/> when matching many watches against it: they are then read and counted once.
    /// </summary>
    public async Task<IReadOnlyList<WatchMatch>> MatchAsync(
        Watch watch, DateOnly day, CancellationToken cancellationToken, IReadOnlyList<(long Pid, Paper Paper)>? papers = null)
    {
        papers ??= store.PapersOfDayWithPids(day);
        var matches = new Dictionary<long, WatchMatch>();
        if (watch.Authors.Count > 0 || watch.Organizations.Count > 0)
        {
            foreach (var (pid, paper) in papers)
            {
                if (ByPeople(watch, paper) is { } reason)
                {
                    matches[pid] = new WatchMatch(pid, paper, reason, 1);
                }
            }
        }

        var weights = WatchTerms.Current(lookup, watch);
        foreach (var judged in await retriever.JudgeDayAsync(watch.Topic, weights, day, papers, cancellationToken))
        {
            var candidate = judged.Candidate;
            if (judged.Relevant(_model) && !matches.ContainsKey(candidate.Pid))
            {
                matches[candidate.Pid] = new WatchMatch(candidate.Pid, candidate.Paper, ByWords(weights, candidate.Paper), judged.Probability);
            }
        }

        return [.. matches.Values.Where(m => Allowed(watch, m.Paper)).OrderByDescending(m => m.Probability).ThenByDescending(m => m.Paper.Upvotes ?? 0)];
    }

    /// <summary>"by Jane Doe" or "from NVIDIA" when one of the watch's people wrote the paper.</summary>
    private static string? ByPeople(Watch watch, Paper paper)
    {
        var author = watch.Authors.FirstOrDefault(a => paper.Authors.Any(p => p.Contains(a, StringComparison.OrdinalIgnoreCase)));
        if (author is not null)
        {
            return $"by {paper.Authors.First(p => p.Contains(author, StringComparison.OrdinalIgnoreCase))}";
        }

        var organization = watch.Organizations.FirstOrDefault(o =>
            string.Equals(o, paper.OrganizationHandle, StringComparison.OrdinalIgnoreCase) || string.Equals(o, paper.Organization, StringComparison.OrdinalIgnoreCase));
        return organization is null ? null : $"from {paper.Organization ?? paper.OrganizationHandle}";
    }

    /// <summary>The watch's heaviest words the paper contains: "mentions tool, agents, reliability".</summary>
    private static string ByWords(IReadOnlyDictionary<string, double> weights, Paper paper)
    {
        var stems = PaperStems.All(paper);
        var words = weights.Where(w => w.Value > 0 && stems.Contains(WordStemmer.Stem(w.Key)))
            .OrderByDescending(w => w.Value).Select(w => w.Key).Take(ReasonWords).ToList();
        return words.Count == 0 ? "close to the topic" : $"mentions {string.Join(", ", words)}";
    }

    private static bool Allowed(Watch watch, Paper paper)
    {
        var stems = PaperStems.All(paper);
        bool Holds(string phrase) => TextTerms.Stems(phrase) is { Count: > 0 } needed && needed.All(stems.Contains);
        return watch.Must.All(Holds) && !watch.Exclude.Any(Holds);
    }
}
