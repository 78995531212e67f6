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
/// day's papers change. Without a model: <see cref="ExtractiveDigest"/>.
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
        var (day, papers, nearest) = DayListing.Of(store, request.Day) ?? throw new UserInputException("the index has no dated papers; ingest some first");
        var model = request.NoModel ? null : chat;
        var mode = model is null ? AnswerMode.Extractive : AnswerMode.Model;
        if (papers.Count == 0)
        {
            var list = nearest.Count == 0 ? "the index has no dated papers" : "nearest days with papers: " + string.Join(", ", nearest.Select(Format));
            return new DigestResult { Day = day, PaperCount = 0, Mode = mode, NearestDays = nearest, Text = $"No papers on {Format(day)}; {list}.", Elapsed = time.GetElapsedTime(started) };
        }

        if (model is null)
        {
            return Finish(day, papers, ExtractiveDigest.Write(day, papers, cancellationToken), mode, started);
        }

        var modelId = model.GetService<ChatClientMetadata>()?.DefaultModelId ?? "model";
        var hash = DigestStore.PapersHash(papers);
        if (cache.Digest(day, modelId, hash) is { } cached)
        {
            AnsweringLog.DigestCached(logger, Format(day));
            return Finish(day, papers, cached, mode, started) with { Cached = true };
        }

        try
        {
            var (gists, generated) = await GistsAsync(papers, model, modelId, cancellationToken);
            var reducer = new DigestReducer(prompts.Get(PromptName.Digest), tokens, budget, model, Format(day), Highlights(papers));
            var digest = await reducer.ReduceAsync(gists, cancellationToken);
            cache.SaveDigest(day, modelId, hash, digest, time.GetUtcNow());
            AnsweringLog.Digested(logger, Format(day), papers.Count, generated, reducer.Calls);
            return Finish(day, papers, digest, mode, started) with { ReduceCalls = reducer.Calls };
        }
        catch (ModelUnavailableException e) when (fallbackToExtractive)
        {
            var extractive = Finish(day, papers, ExtractiveDigest.Write(day, papers, cancellationToken), AnswerMode.Extractive, started);
            if (e.Final)
            {
                return extractive; // the refusal's notice is given once, with the result (SummarizeAsync)
            }

            AnsweringLog.ModelUnavailable(logger, e.Message);
            return extractive with { Text = $"(No model could write the digest: {e.Message}. Extractive digest instead.)\n\n{extractive.Text}" };
        }
        catch (Exception e) when (e is not PromptException && e is not UserInputException)
        {
            var failure = e is OperationCanceledException ? "the digest was cancelled before it was finished" : $"the model failed while writing the digest ({e.Message})";
            return new DigestResult
            {
                Day = day, PaperCount = papers.Count, Mode = mode, Complete = false, Failure = failure,
                Text = $"No digest of {Format(day)}: {failure}.", Elapsed = time.GetElapsedTime(started),
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

    private static string Highlights(IReadOnlyList<Paper> papers)
    {
        var top = papers.Where(p => p.Upvotes > 0).Take(HighlightCount).ToList();
        return top.Count == 0
            ? "no upvote counts are known for this day"
            : string.Join("; ", top.Select(p => $"[{IndexOf(papers, p) + 1}] {p.Title} ({Plural.Of(p.Upvotes ?? 0, "upvote")})"));
    }

    private static int IndexOf(IReadOnlyList<Paper> papers, Paper paper) => papers.Select((p, i) => (p, i)).First(x => ReferenceEquals(x.p, paper)).i;

    private DigestResult Finish(DateOnly day, IReadOnlyList<Paper> papers, string digest, AnswerMode mode, long started)
    {
        var withHighlights = new StringBuilder(digest);
        var upvoted = papers.Where(p => p.Upvotes > 0).Take(HighlightCount).ToList();
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
            Day = day, PaperCount = papers.Count, Mode = mode, Text = text.ToString(),
            Citations = [.. cited.Select(c => new Citation(c.n, c.Item2.Id, c.Item2.Title))],
            DroppedCitations = check.Dropped, Elapsed = time.GetElapsedTime(started),
        };
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
