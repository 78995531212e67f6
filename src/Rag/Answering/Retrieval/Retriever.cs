using Microsoft.Extensions.Options;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// Finds the papers a question is about: bm25 keyword search, fused by reciprocal rank with an exact cosine
/// search over abstract embeddings when an embedding model is registered, then a relevance gate (the best
/// papers must contain enough of the question's rarer words) that decides "nothing relevant". A covered question
/// that asks for the papers on a topic is then searched again with phrases and feedback words (<see cref="TopicSearch"/>).
/// </summary>
public sealed class Retriever(PaperStore store, PaperLookup lookup, IOptions<RetrievalOptions> options, EmbeddingIndex? embeddings = null) : IDisposable
{
    private readonly RetrievalOptions _options = options.Value;
    private readonly RelevanceModel model = RelevanceModel.Default;
    private readonly TopicSearch _topics = new(store);

    // Names some paper mentions: an index only grows, so a name once found stays found (a watch's names are looked
    // up for every day it is matched against: three quarters of its cost before).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _knownNames = new(StringComparer.Ordinal);

    /// <summary>The best keyword candidates whose words count as found (<see cref="RelevanceEvidence.FoundCoverage"/>).</summary>
    private const int FoundDepth = 10;

    /// <summary>How many of the closest papers an uncertain answer shows.</summary>
    private const int ClosestShown = 5;

    /// <summary>A topic question lists up to this many papers, best first.</summary>
    public const int MaxTopicPapers = 10;

    /// <summary>The share of the best paper's word coverage a paper of a day question needs to be listed.</summary>
    private const double DayShareOfBest = 0.3;

    /// <summary>The dense index when an embedding model is registered (to embed the abstracts ahead of the first question).</summary>
    public EmbeddingIndex? Embeddings => embeddings;

    /// <summary>True when retrieval fuses keyword and embedding search.</summary>
    public bool IsHybrid => embeddings is not null && _options.UseEmbeddings != EmbeddingUse.Off;

    public void Dispose() => embeddings?.Dispose();

    public async Task<RetrievalResult> RetrieveAsync(string query, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        // Only the words that say what the question is about are searched: "which papers were featured that day"
        // would otherwise rank papers by "featured" and "day".
        var words = TextTerms.Words(query).Where(TextTerms.IsContentWord).ToList();
        var dayRange = from is not null || to is not null;
        if (dayRange)
        {
            return await DaysAsync(query, words, from, to, cancellationToken);
        }

        var keywordHits = store.Search(new SearchRequest(words.Count > 0 ? string.Join(' ', words) : query, _options.Candidates));
        var dense = IsHybrid
            ? await embeddings!.NearestAsync(query, _options.Candidates, from, to, cancellationToken)
            : [];
        var (weights, rare) = TermWeights(query);
        var ranked = Rank(keywordHits, dense, weights);

        // Whether the index covers the question is decided on the question's own words, before a topic question's
        // search widens to the words its best papers use: expansion reorders the papers, it never makes an
        // unrelated question look answered. Each candidate's evidence is read in the keyword ranking (its lead over
        // the next paper), so papers found by similarity alone never push the keyword ranking's best out of view.
        var byKeywords = IsHybrid ? Rank(keywordHits, dense, weights, fuseDense: false) : ranked;
        var names = QuestionNames.Of(query);
        var unknownNames = names.Count == 0 ? 0 : names.Count(n => !Known(n)) / (double)names.Count;
        var found = byKeywords.Take(FoundDepth).SelectMany(p => PaperStems.All(p.Paper)).ToHashSet(StringComparer.Ordinal);
        var judged = byKeywords.Select((p, i) => (p.Pid, Evidence: RelevanceEvidence.Of(byKeywords, i, weights, rare, found, names, unknownNames)))
            .Concat(ranked.Where(p => p.KeywordScore is null).Select(p => (p.Pid, Evidence: RelevanceEvidence.Of([p], 0, weights, rare, found, names, unknownNames))))
            .ToDictionary(j => j.Pid, j => (j.Evidence, Probability: model.Probability(j.Evidence)));
        // The decision reads the best candidate of each ranking, as the model was fitted.
        var best = ranked.Take(1).Concat(byKeywords.Take(1)).Select(p => judged[p.Pid])
            .DefaultIfEmpty((Evidence: RelevanceEvidence.None, Probability: 0)).MaxBy(j => j.Probability);
        var outcome = words.Count == 0 ? RelevanceOutcome.Declined : model.Decide(best.Probability);
        if (outcome == RelevanceOutcome.Declined && words.Count > 0 && best.Evidence.Related)
        {
            outcome = RelevanceOutcome.Closest;
        }

        IReadOnlyList<RetrievedPaper> papers = outcome switch
        {
            RelevanceOutcome.Declined => [],
            // The closest few, in rank order, for the reader to judge.
            RelevanceOutcome.Closest => [.. ranked.Take(ClosestShown)],
            // Past the decision, weaker papers may still add to the answer, but one the model gives little chance is noise.
            _ => [.. ranked.Where(p => judged[p.Pid].Probability >= model.ClosestAt || judged[p.Pid].Evidence.Coverage >= _options.MinTermCoverage).Take(_options.TopK)],
        };
        if (QuestionIntent.AsksForPapers(query) && _topics.Search(query, _options.Candidates) is { Count: > 0 } topicHits)
        {
            // The topic search's order stands: fused with the embedding ranking, topic recall@10 fell on the tune
            // questions with both real embedding models measured (README, Development set).
            ranked = Rank(topicHits, dense, weights, fuseDense: false);
            // A topic question asks for a list: it gets its ten best, under the hedge when they are only the closest.
            papers = outcome == RelevanceOutcome.Declined ? [] : [.. ranked.Take(MaxTopicPapers)];
        }

        return new RetrievalResult(query, ranked, papers, weights) { Outcome = outcome, Evidence = best.Evidence, Probability = best.Probability };
    }

    /// <summary>
    /// A standing topic (a watch) against one day's papers, with the decision an answer's candidates get: the day's
    /// papers that hold any of its words, ranked by bm25 (<see cref="DayKeywordRanking"/>) and, with an embedding
    /// model, the day's papers closest to it; each judged by the relevance model on its evidence in the day's keyword
    /// ranking. <paramref name="wordWeights"/> are the topic's words and their weights (idf at first, then moved by
    /// the subscriber's feedback); a word weighing nothing, or in no paper of the index, is not searched.
    /// <paramref name="papers"/> are the day's papers (<see cref="PaperStore.PapersOfDayWithPids"/>), read once for
    /// all the topics matched against the day.
    /// </summary>
    public async Task<IReadOnlyList<JudgedPaper>> JudgeDayAsync(
        string topic, IReadOnlyDictionary<string, double> wordWeights, DateOnly day, IReadOnlyList<(long Pid, Paper Paper)> papers, CancellationToken cancellationToken)
    {
        var words = wordWeights.Where(w => w.Value > 0).OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => w.Key).Take(QueryTerms.MaxTerms).ToList();
        if (words.Count == 0)
        {
            return [];
        }

        var (documents, total) = lookup.DocumentFrequencies(words);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var rare = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var stem = WordStemmer.Stem(word);
            var docs = documents.GetValueOrDefault(word);
            weights[stem] = Math.Max(weights.GetValueOrDefault(stem), docs == 0 ? 0 : wordWeights[word]);
            if (docs > 0 && docs <= RelevanceEvidence.RareShare * total)
            {
                rare.Add(stem);
            }
        }

        var keywordHits = DayKeywordRanking.Rank(papers, weights);
        var dense = IsHybrid ? await embeddings!.NearestAsync(topic, _options.Candidates, day, day, cancellationToken) : [];
        var byKeywords = Rank(keywordHits, dense, weights, fuseDense: false);
        var names = QuestionNames.Of(topic);
        var unknownNames = names.Count == 0 ? 0 : names.Count(n => !Known(n)) / (double)names.Count;
        var found = byKeywords.Take(FoundDepth).SelectMany(p => PaperStems.All(p.Paper)).ToHashSet(StringComparer.Ordinal);
        JudgedPaper Judge(IReadOnlyList<RetrievedPaper> ranking, int index)
        {
            var evidence = RelevanceEvidence.Of(ranking, index, weights, rare, found, names, unknownNames);
            return new JudgedPaper(ranking[index], evidence, model.Probability(evidence));
        }

        return [.. byKeywords.Select((_, i) => Judge(byKeywords, i)),
            .. Rank([], dense, weights).Where(p => !keywordHits.Any(h => h.Pid == p.Pid)).Select(p => Judge([p], 0))];
    }

    /// <summary>
    /// A question about a day or a range of days asks what those days had on a topic: every paper of the days that
    /// contains the question's words is a candidate, ranked by the idf-weighted share of the words it holds (then by
    /// bm25), and each holding at least <see cref="DayShareOfBest"/> of the best paper's share is listed. Nothing
    /// here is declined for want of a clear winner: a day's list is short, and the reader asked to see it.
    /// </summary>
    private async Task<RetrievalResult> DaysAsync(string query, List<string> words, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var keywordHits = words.Count == 0
            ? []
            : WithEachWord(store.Search(new SearchRequest(string.Join(' ', words), SearchRequest.MaxTop, from, to)), words, from, to, SearchRequest.MaxTop);
        var dense = IsHybrid && words.Count > 0
            ? await embeddings!.NearestAsync(query, _options.Candidates, from, to, cancellationToken)
            : [];
        // A word that no paper of those days contains cannot tell their papers apart ("came", "catch up"): it weighs nothing.
        var found = keywordHits.SelectMany(h => PaperStems.All(h.Paper)).ToHashSet(StringComparer.Ordinal);
        var weights = TermWeights(query).Weights.Where(w => found.Contains(w.Key)).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);
        var ranked = Rank(keywordHits, dense, weights, fuseDense: false)
            .Concat(Rank([], dense, weights).Where(p => p.KeywordScore is null))
            .OrderByDescending(p => p.TermCoverage).ThenByDescending(p => p.KeywordScore ?? 0).ToList();
        var best = ranked.Count == 0 ? 0 : ranked[0].TermCoverage;
        var listed = ranked.Where(p => (p.TermCoverage > 0 && p.TermCoverage >= DayShareOfBest * best) || p.Similarity >= _options.MinSimilarity).ToList();
        return new RetrievalResult(query, ranked, listed, weights) { Outcome = listed.Count > 0 ? RelevanceOutcome.Answered : RelevanceOutcome.Declined };
    }

    /// <summary>
    /// The candidates in fused order (or in keyword order, without <paramref name="fuseDense"/>), each with its
    /// keyword score, similarity and coverage of the question's words.
    /// </summary>
    private List<RetrievedPaper> Rank(
        IReadOnlyList<SearchHit> keywordHits, IReadOnlyList<(long Pid, float Similarity)> dense, Dictionary<string, double> weights, bool fuseDense = true)
    {
        var fused = ReciprocalRankFusion.Fuse(_options.RrfK, [.. keywordHits.Select(h => h.Pid)], fuseDense ? [.. dense.Select(d => d.Pid)] : []);
        var keywordByPid = keywordHits.ToDictionary(h => h.Pid);
        var similarityByPid = dense.ToDictionary(d => d.Pid, d => (double)d.Similarity);
        var papers = PapersOf(fused.Select(f => f.Id).Where(pid => !keywordByPid.ContainsKey(pid)).ToList(), keywordHits);

        // Keywords alone: report bm25 itself, more telling than the fused score of a single ranking.
        return [.. fused.Where(f => papers.ContainsKey(f.Id)).Select(f => new RetrievedPaper(
            f.Id, papers[f.Id], IsHybrid && fuseDense ? f.Score : keywordByPid[f.Id].Score,
            keywordByPid.TryGetValue(f.Id, out var hit) ? hit.Score : null,
            similarityByPid.TryGetValue(f.Id, out var similarity) ? similarity : null,
            Coverage(papers[f.Id], weights)))];
    }

    /// <summary>True when some paper of the index mentions <paramref name="name"/> (its words as a phrase: "GPT-7" as "gpt 7").</summary>
    private bool Known(string name)
    {
        if (_knownNames.ContainsKey(name))
        {
            return true;
        }

        var words = TextTerms.Words(name).ToList();
        var known = words.Count > 0 && store.SearchWeighted([new WeightedPhrase(words, 1)], 1).Count > 0;
        if (known)
        {
            _knownNames.TryAdd(name, true);
        }

        return known;
    }

    /// <summary>
    /// A day holds a few dozen papers, and the search may require all of a question's common words together
    /// ("new" and "benchmarks"): a paper of the day that has only some of them is still a candidate, after those
    /// that have all. Searching each word within the day is cheap.
    /// </summary>
    private List<SearchHit> WithEachWord(IReadOnlyList<SearchHit> hits, List<string> words, DateOnly? from, DateOnly? to, int top)
    {
        var merged = hits.ToList();
        var seen = hits.Select(h => h.Pid).ToHashSet();
        var more = words.Distinct(StringComparer.Ordinal)
            .SelectMany(word => store.Search(new SearchRequest(word, top, from, to)))
            .Where(h => seen.Add(h.Pid))
            .OrderByDescending(h => h.Score);
        merged.AddRange(more);
        return merged;
    }

    private Dictionary<long, Paper> PapersOf(List<long> denseOnly, IReadOnlyList<SearchHit> keywordHits)
    {
        var papers = new Dictionary<long, Paper>(lookup.ByPid(denseOnly));
        foreach (var hit in keywordHits)
        {
            papers[hit.Pid] = hit.Paper;
        }

        return papers;
    }

    /// <summary>
    /// The idf of each content word of the query, keyed by its stem, and the stems of its rare words. A word no paper
    /// contains weighs nothing: a typo, an everyday word no abstract uses, or a name the index does not know cannot
    /// tell one paper from another.
    /// </summary>
    private (Dictionary<string, double> Weights, HashSet<string> Rare) TermWeights(string query)
    {
        var words = TextTerms.Words(query).Where(TextTerms.IsContentWord).Distinct(StringComparer.Ordinal).Take(QueryTerms.MaxTerms).ToList();
        var (documents, total) = lookup.DocumentFrequencies(words);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var rare = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var stem = WordStemmer.Stem(word);
            var idf = documents[word] == 0 ? 0 : Math.Max(Math.Log((total + 1.0) / (documents[word] + 0.5)), 0.1);
            weights[stem] = Math.Max(weights.GetValueOrDefault(stem), idf);
            if (documents[word] > 0 && documents[word] <= RelevanceEvidence.RareShare * total)
            {
                rare.Add(stem);
            }
        }

        return (weights, rare);
    }

    private static double Coverage(Paper paper, Dictionary<string, double> weights)
    {
        if (weights.Count == 0)
        {
            return 0;
        }

        var stems = PaperStems.All(paper);
        return weights.Where(w => stems.Contains(w.Key)).Sum(w => w.Value) / weights.Values.Sum();
    }
}
