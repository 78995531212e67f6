using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Answering.Citations;
using PaperBot.Rag.Answering.Packing;
using PaperBot.Rag.Answering.Prompts;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Answering.Digest;

/// <summary>
/// The digest of one day's papers. With a model: map (one cached gist per paper, the gist prompt), then reduce
/// (the digest prompt over all gists; when they do not fit one context window, over groups of them, then over
/// the partial digests, until one remains). The result is cached per day and model and recomputed when the
/// day's papers change. Without a model: <see cref="ExtractiveDigest"/>. A week, a month or a range of days
/// (<see cref="DigestRequest.Period"/>) is digested the same way over its selection of papers
/// (<see cref="PeriodSelection"/>: its themes' and its own most upvoted papers), cached under the period's name and
/// recomputed when the period gains papers.
/// </summary>
/// <param name="fallbackToExtractive">Llm:FallbackToExtractive: the extractive digest when no model can be reached.</param>
/// <param name="mapParallelism">Gists written at once: the remote servers' summed Parallel; 1 for the local model.</param>
/// <param name="unusableModel">Why the configured model is not used, told with the first digest unless the answers before told it.</param>
public sealed class DayDigest(
    PaperStore store, DigestStore cache, PromptLibrary prompts, ITokenCounter tokens, AnswerBudget budget,
    TimeProvider time, ILogger<DayDigest> logger, IChatClient? chat = null, bool fallbackToExtractive = true, int mapParallelism = 1,
    UnusableModelNotice? unusableModel = null)
{
    /// <summary>A gist is one or two sentences; this bounds a model that rambles.</summary>
    private const int MaxGistTokens = 120;

    private const int HighlightCount = 3;

    public bool HasModel => chat is not null;

    public async Task<DigestResult> SummarizeAsync(DigestRequest request, CancellationToken cancellationToken = default)
    {
        var result = await WriteAsync(request, cancellationToken);
        return !request.NoModel && unusableModel?.Take() is { } notice ? result with { Notices = [notice] } : result;
    }

    private async Task<DigestResult> WriteAsync(DigestRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var model = request.NoModel ? null : chat;
        var mode = model is null ? AnswerMode.Extractive : AnswerMode.Model;
        DigestSubject subject;
        Func<string> extractive;
        if (request.Period is { } period)
        {
            var all = store.MostUpvoted(period.From, period.To, int.MaxValue).Papers.Select(p => p.Paper).ToList();
            if (all.Count == 0)
            {
                return new DigestResult { Day = period.To, Period = period, PaperCount = 0, Mode = mode, Text = $"No papers from {period.Describe()}.", Elapsed = time.GetElapsedTime(started) };
            }

            var selection = PeriodSelection.Of(all, cancellationToken);
            subject = new DigestSubject(period.To, period, selection.Papers, all.Count, PeriodSelection.MostUpvoted, DigestStore.PapersHash(all));
            extractive = () => ExtractiveDigest.Write(period, selection, cancellationToken);
        }
        else
        {
            var (day, papers, nearest) = DayListing.Of(store, request.Day) ?? throw new UserInputException("the index has no dated papers; ingest some first");
            if (papers.Count == 0)
            {
                var list = nearest.Count == 0 ? "the index has no dated papers" : "nearest days with papers: " + string.Join(", ", nearest.Select(Format));
                return new DigestResult { Day = day, PaperCount = 0, Mode = mode, NearestDays = nearest, Text = $"No papers on {Format(day)}; {list}.", Elapsed = time.GetElapsedTime(started) };
            }

            subject = new DigestSubject(day, null, papers, papers.Count, HighlightCount, DigestStore.PapersHash(papers));
            extractive = () => ExtractiveDigest.Write(day, papers, cancellationToken);
        }

        if (model is null)
        {
            return Finish(subject, extractive(), mode, started);
        }

        var modelId = model.GetService<ChatClientMetadata>()?.DefaultModelId ?? "model";
        if (cache.Digest(subject.Key, modelId, subject.PapersHash) is { } cached)
        {
            AnsweringLog.DigestCached(logger, subject.Key);
            return Finish(subject, cached, mode, started) with { Cached = true };
        }

        try
        {
            var (gists, generated) = await GistsAsync(subject.Papers, model, modelId, cancellationToken);
            var reducer = new DigestReducer(prompts.Get(PromptName.Digest), tokens, budget, model, subject.Name, Highlights(subject));
            var digest = await reducer.ReduceAsync(gists, cancellationToken);
            cache.SaveDigest(subject.Key, modelId, subject.PapersHash, digest, time.GetUtcNow());
            AnsweringLog.Digested(logger, subject.Key, subject.Papers.Count, generated, reducer.Calls);
            return Finish(subject, digest, mode, started) with { ReduceCalls = reducer.Calls };
        }
        catch (ModelUnavailableException e) when (fallbackToExtractive)
        {
            var fallback = Finish(subject, extractive(), AnswerMode.Extractive, started);
            if (e.Final)
            {
                return fallback; // the refusal's notice is given once, with the result (SummarizeAsync)
            }

            AnsweringLog.ModelUnavailable(logger, e.Message);
            return fallback with { Text = $"(No model could write the digest: {e.Message}. Extractive digest instead.)\n\n{fallback.Text}" };
        }
        catch (Exception e) when (e is not PromptException && e is not UserInputException)
        {
            var failure = e is OperationCanceledException ? "the digest was cancelled before it was finished" : $"the model failed while writing the digest ({e.Message})";
            return new DigestResult
            {
                Day = subject.Day, Period = subject.Period, PaperCount = subject.PaperCount, Mode = mode, Complete = false, Failure = failure,
                Text = $"No digest of {subject.Key}: {failure}.", Elapsed = time.GetElapsedTime(started),
            };
        }
    }

    /// <summary>One gist per paper, numbered as the day's list; reused from the cache, generated and stored otherwise.</summary>
    private async Task<(IReadOnlyList<string> Items, int Generated)> GistsAsync(IReadOnlyList<Paper> papers, IChatClient model, string modelId, CancellationToken cancellationToken)
    {
        var template = prompts.Get(PromptName.Gist);
        var gists = papers.Select(p => cache.Gist(p.Id, modelId)).ToArray();
        var missing = Enumerable.Range(0, papers.Count).Where(i => gists[i] is null).ToList();

        // With several servers the map step writes several gists at once, one per free slot; each is cached as
        // soon as it is written, so a failure later keeps the work done.
        var saveGate = new Lock();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, mapParallelism), CancellationToken = cancellationToken }, async (i, token) =>
        {
            var messages = await template.RenderAsync(new Dictionary<string, string> { ["source"] = await FittingSourceAsync(template, papers[i], i + 1, token) }, token);
            var response = await model.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = MaxGistTokens }, token);
            var gist = QuestionText.Clean(response.Text);
            lock (saveGate)
            {
                cache.SaveGist(papers[i].Id, modelId, gist);
            }

            gists[i] = gist;
        });

        var items = papers.Select((paper, i) =>
            SourceFence.Block(i + 1, paper with { Abstract = "" }, gists[i]!).Replace("abstract: ", "summary: ", StringComparison.Ordinal)).ToList();
        var generated = missing.Count;
        return (items, generated);
    }

    /// <summary>The paper's source block, its abstract cut at a sentence boundary when the whole one would not fit the window.</summary>
    private async Task<string> FittingSourceAsync(ChatPromptTemplate template, Paper paper, int number, CancellationToken cancellationToken)
    {
        var fixedPrompt = await template.RenderAsync(new Dictionary<string, string> { ["source"] = "" }, cancellationToken);
        var room = tokens.ContextSize - MaxGistTokens - ContextPacker.TemplateOverheadTokens - fixedPrompt.Sum(m => tokens.CountTokens(m.Text));
        var sentences = SentenceSplitter.Split(paper.Abstract);
        for (var count = sentences.Count; count > 1; count--)
        {
            var candidate = SourceFence.Block(number, paper, string.Join(' ', sentences.Take(count)));
            if (tokens.CountTokens(candidate) <= room)
            {
                return candidate;
            }
        }

        return SourceFence.Block(number, paper, sentences.Count > 0 ? sentences[0] : paper.Abstract);
    }

    private static string Highlights(DigestSubject subject)
    {
        var top = subject.Papers.Where(p => p.Upvotes > 0).Take(subject.Highlights).ToList();
        return top.Count == 0
            ? $"no upvote counts are known for {(subject.Period is null ? "this day" : "these days")}"
            : string.Join("; ", top.Select(p => $"[{IndexOf(subject.Papers, p) + 1}] {p.Title} ({Plural.Of(p.Upvotes ?? 0, "upvote")})"));
    }

    private static int IndexOf(IReadOnlyList<Paper> papers, Paper paper) => papers.Select((p, i) => (p, i)).First(x => ReferenceEquals(x.p, paper)).i;

    private DigestResult Finish(DigestSubject subject, string digest, AnswerMode mode, long started)
    {
        var papers = subject.Papers;
        var withHighlights = new StringBuilder(digest);
        var upvoted = papers.Where(p => p.Upvotes > 0).Take(subject.Highlights).ToList();
        if (upvoted.Count > 0)
        {
            withHighlights.Append("\n\nMost upvoted: ").AppendJoin("; ", upvoted.Select(p => $"{p.Title} ({Plural.Of(p.Upvotes ?? 0, "upvote")}) [{IndexOf(papers, p) + 1}]"));
        }

        var check = CitationChecker.Check(withHighlights.ToString(), papers.Count);
        var text = new StringBuilder(check.Text);
        var cited = check.Cited.Select(n => (n, papers[n - 1])).ToList();
        if (cited.Count > 0)
        {
            text.Append("\n\n").Append(SourceList.Format(cited.OrderBy(c => c.n)));
        }

        return new DigestResult
        {
            Day = subject.Day, Period = subject.Period, PaperCount = subject.PaperCount, Mode = mode, Text = text.ToString(),
            Citations = [.. cited.Select(c => new Citation(c.n, c.Item2.Id, c.Item2.Title))],
            DroppedCitations = check.Dropped, Elapsed = time.GetElapsedTime(started),
        };
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// What one digest is written over: its day (a period's last day), the period when several days, the papers it numbers
    /// and cites (a period's selection), how many papers the days hold, how many most upvoted it calls out, and the hash
    /// of all its papers (the cache entry is stale when it changes).
    /// </summary>
    private sealed record DigestSubject(DateOnly Day, DigestPeriod? Period, IReadOnlyList<Paper> Papers, int PaperCount, int Highlights, string PapersHash)
    {
        /// <summary>The cache key: the day, or the period's name.</summary>
        public string Key => Period?.Name ?? Format(Day);

        /// <summary>What the digest prompt calls the days.</summary>
        public string Name => Period?.Describe() ?? Format(Day);
    }
}
