using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Answering.Citations;
using PaperBot.Rag.Answering.Packing;
using PaperBot.Rag.Answering.Prompts;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;
using PaperBot.Rag.Index;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Answering;

/// <summary>
/// Answers a question from the indexed papers: follow-up condensation, retrieval, context packing, the
/// answer prompt streamed through the model (or an extractive answer without one), then the citation check.
/// Nothing relevant retrieved → a "not covered" answer without calling the model.
/// </summary>
/// <remarks>
/// When the model cannot be reached at all (<see cref="ModelUnavailableException"/>, before any text) and
/// <paramref name="fallbackToExtractive"/> is set (Llm:FallbackToExtractive), the answer is the extractive one,
/// with a notice that says why.
/// </remarks>
public sealed class Answerer(
    Retriever retriever, PeriodResolver periods, PaperStore store, ContextPacker packer, PromptLibrary prompts, FollowUpCondenser condenser, AnswerBudget budget,
    TimeProvider time, ILogger<Answerer> logger, IChatClient? chat = null, bool fallbackToExtractive = true, UnusableModelNotice? unusableModel = null)
{
    /// <summary>A day or range question lists at most this many papers (the answer says how many matched in all).</summary>
    public const int MaxListedPapers = 10;

    /// <summary>How an answer from papers that may not answer the question begins.</summary>
    public const string ClosestHeader = "I am not sure the indexed papers answer this; the closest are:";

    /// <summary>How a model's answer from the closest papers begins.</summary>
    public const string ClosestModelHedge = "I am not sure the indexed papers answer this; this answer uses the closest ones.";


    /// <summary>True when a model is registered; without one every answer is extractive.</summary>
    public bool HasModel => chat is not null;

    /// <summary>The whole answer at once: <see cref="StreamAsync"/> drained.</summary>
    public async Task<AnswerResult> AskAsync(AnswerRequest request, CancellationToken cancellationToken = default)
    {
        AnswerResult? result = null;
        await foreach (var update in StreamAsync(request, cancellationToken))
        {
            result = update.Result ?? result;
        }

        return result!;
    }

    /// <summary>
    /// The answer as it is written: text pieces, then one final update with the checked <see cref="AnswerResult"/>.
    /// A model failure or cancellation mid-answer ends the stream with an incomplete result rather than an exception.
    /// The steps: condense a follow-up, retrieve, then (with a model) pack the sources, generate, and check the citations.
    /// </summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var question = QuestionText.From(request.Question);
        if (request.From is { } from && request.To is { } to && from > to)
        {
            throw new UserInputException($"the day range is empty: {from:yyyy-MM-dd} is after {to:yyyy-MM-dd}");
        }

        var clock = new StageClock(time);
        var model = request.NoModel ? null : chat;
        var run = new AnswerRun(question, model is null ? AnswerMode.Extractive : AnswerMode.Model, clock);
        if (!request.NoModel && unusableModel?.Take() is { } notice)
        {
            run.Notices.Add(notice);
        }

        var spelled = QuestionSpelling.Correct(await condenser.CondenseAsync(question.Text, request.History, model, cancellationToken), store);
        run.Standalone = spelled.Text;
        if (spelled.Notice is { } read)
        {
            run.Notices.Add(read);
        }

        run.Condense = clock.Lap();
        var (period, search) = periods.Resolve(request, run.Standalone);
        run.Period = period;
        var retrieval = await retriever.RetrieveAsync(search, period?.From, period?.To, cancellationToken);
        run.Retrieval = clock.Lap();

        if (period is not null && !retrieval.FoundRelevant)
        {
            // A day question is never declined while its days hold papers: the days' papers are the answer.
            var listing = DayListing(run, period, search);
            yield return AnswerUpdate.Text(Shown(listing.Body, listing.Papers.Count));
            yield return AnswerUpdate.Final(run.Finish(listing.Body, listing.Papers, foundRelevant: listing.Papers.Count > 0));
            yield break;
        }

        if (!retrieval.FoundRelevant)
        {
            AnsweringLog.NothingRelevant(logger);
            var body = NotCovered(search);
            yield return AnswerUpdate.Text(body);
            yield return AnswerUpdate.Final(run.Finish(body, [], foundRelevant: false));
            yield break;
        }

        run.Outcome = retrieval.Outcome;
        if (period is not null && retrieval.Papers.Count > MaxListedPapers)
        {
            // Retrieval reads a bounded number of candidates; the count says how many papers of those days use the words.
            var words = TextTerms.Words(search).Where(TextTerms.IsContentWord).Distinct(StringComparer.Ordinal).ToList();
            var mentioning = Math.Max(store.CountMentioning(words, period.From, period.To), retrieval.Papers.Count);
            run.Notices.Add($"The {MaxListedPapers} best of the {mentioning} papers {period.Phrase()} that use the question's words are shown; narrow the dates or the question to see others.");
            retrieval = retrieval with { Papers = [.. retrieval.Papers.Take(MaxListedPapers)] };
        }

        if (model is null)
        {
            var body = Extract(run, retrieval, request);
            yield return AnswerUpdate.Text(Shown(body, retrieval.Papers.Count));
            yield return AnswerUpdate.Final(Log(run.Finish(body, Numbered(retrieval.Papers), foundRelevant: true)));
            yield break;
        }

        var (messages, sources) = await PackAsync(run, retrieval, question, cancellationToken);
        if (sources.Count == 0)
        {
            yield return AnswerUpdate.Final(run.Fail("", sources, "the model's context window is too small for even one source; raise Llm:ContextSize or lower Llm:MaxAnswerTokens"));
            yield break;
        }

        // The hedge is part of the answer, so every front end shows it in words: the model was given only the closest
        // papers. It goes out with the model's first words, so nothing is shown when the model cannot answer at all
        // (the caller then answers extractively).
        var hedge = retrieval.Outcome == RelevanceOutcome.Closest ? ClosestModelHedge + "\n\n" : "";
        var generation = new Generation();
        var numbering = new StreamingSourceNumbering(sources.Count);
        var shown = new StringBuilder();
        await foreach (var delta in GenerateAsync(model, messages, generation, clock, cancellationToken))
        {
            if (numbering.Push(delta) is { Length: > 0 } text)
            {
                yield return AnswerUpdate.Text(shown.Length == 0 ? hedge + text : text);
                shown.Append(text);
            }
        }

        if (numbering.Flush() is { Length: > 0 } rest)
        {
            yield return AnswerUpdate.Text(shown.Length == 0 ? hedge + rest : rest);
            shown.Append(rest);
        }

        if (generation.Unavailable is { } unavailable)
        {
            // Nothing reached the user yet: the extractive answer takes the model's place, with a notice that says why.
            run.Mode = AnswerMode.Extractive;
            if (!unavailable.Final)
            {
                AnsweringLog.ModelUnavailable(logger, unavailable.Message);
                run.Notices.Add($"No model could answer ({unavailable.Message}); this answer quotes the abstracts instead.");
            }
            else if (unusableModel?.Take() is { } refusal)
            {
                run.Notices.Add(refusal);
            }

            var body = Extract(run, retrieval, request);
            yield return AnswerUpdate.Text(Shown(body, retrieval.Papers.Count));
            yield return AnswerUpdate.Final(Log(run.Finish(body, Numbered(retrieval.Papers), foundRelevant: true)));
            yield break;
        }

        run.Generation = clock.Lap();
        run.Usage = generation.Usage;
        yield return AnswerUpdate.Final(generation.Failure is null
            ? Log(run.Finish(hedge + generation.Text, sources, foundRelevant: true))
            : run.Fail(shown.Length == 0 ? "" : hedge + shown, Numbered(numbering.InShownOrder(sources).Select(s => s.Paper).ToList()), generation.Failure));
    }

    /// <summary>A whole answer as it is shown while streaming: citations checked and numbered as its sources list will be.</summary>
    private static string Shown(string body, int sourceCount)
    {
        var numbering = new StreamingSourceNumbering(sourceCount);
        return numbering.Push(body) + numbering.Flush();
    }

    /// <summary>The answer without a model: quoted sentences; a day or range question lists every matching paper.</summary>
    private static string Extract(AnswerRun run, RetrievalResult retrieval, AnswerRequest request)
    {
        run.Packing = run.Clock.Lap();
        var body = (run.Period, retrieval.Outcome) switch
        {
            ({ } period, _) => ExtractiveAnswerer.List($"Papers {period.Phrase()} that match, best first:", retrieval.Query, retrieval.Papers, retrieval.TermWeights),
            // Every one of the closest papers is shown, so the reader can judge each.
            (_, RelevanceOutcome.Closest) => ExtractiveAnswerer.List(ClosestHeader, retrieval.Query, retrieval.Papers, retrieval.TermWeights, leadFollows: true),
            _ when QuestionIntent.AsksForPapers(retrieval.Query) => ExtractiveAnswerer.List("Papers on this, best first:", retrieval.Query, retrieval.Papers, retrieval.TermWeights),
            _ => ExtractiveAnswerer.Answer(run.Standalone, retrieval.Papers, retrieval.TermWeights),
        };
        run.Generation = run.Clock.Lap();
        return body;
    }

    /// <summary>The prompt with as many sources as the context window holds, numbered from 1.</summary>
    private async Task<(IReadOnlyList<ChatMessage> Messages, List<(int Number, RetrievedPaper Paper)> Sources)> PackAsync(
        AnswerRun run, RetrievalResult retrieval, QuestionText question, CancellationToken cancellationToken)
    {
        var template = prompts.Get(PromptName.Answer);
        var fixedPrompt = await template.RenderAsync(Values("", question.Text), cancellationToken);
        var packed = packer.Pack(retrieval.Papers, CountTokens(fixedPrompt));
        if (packed.Sources.Any(s => s.Shortened) || packed.LeftOut > 0)
        {
            run.Notices.Add($"The context window held {packed.Sources.Count} of {retrieval.Papers.Count} relevant papers{(packed.Sources.Any(s => s.Shortened) ? ", one abstract shortened" : "")}.");
        }

        var sources = packed.Sources.Select(s => (s.Number, s.Retrieved)).ToList();
        var messages = sources.Count == 0 ? [] : await template.RenderAsync(Values(packed.SourcesText, question.Text), cancellationToken);
        if (messages.Count > 0)
        {
            AnsweringLog.Prompt(logger, string.Join("\n\n", messages.Select(m => $"[{m.Role}]\n{m.Text}")));
        }

        run.Packing = run.Clock.Lap();
        return (messages, sources);
    }

    /// <summary>
    /// Streams the model's answer, recording into <paramref name="generation"/> the text, what the model reports
    /// about tokens and speed, the time to the first token, and why it stopped early if it did.
    /// </summary>
    private async IAsyncEnumerable<string> GenerateAsync(
        IChatClient model, IReadOnlyList<ChatMessage> messages, Generation generation, StageClock clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = model.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = budget.MaxAnswerTokens }, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    yield break;
                }

                update = stream.Current;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                generation.Failure = "the answer was cancelled before it was finished";
                yield break;
            }
            catch (ModelUnavailableException e) when (generation.Text.Length == 0)
            {
                // Expected, and said in full by its message: no log of an error with its stack.
                if (fallbackToExtractive)
                {
                    generation.Unavailable = e;
                }
                else
                {
                    generation.Failure = $"no model could answer ({e.Message})";
                }

                yield break;
            }
            catch (Exception e)
            {
                AnsweringLog.ModelFailed(logger, e);
                generation.Failure = $"the model failed while answering ({e.Message})";
                yield break;
            }

            generation.Record(update, clock.Total);
            if (!string.IsNullOrEmpty(update.Text))
            {
                generation.Text.Append(update.Text);
                yield return update.Text;
            }
        }
    }

    private static List<(int Number, RetrievedPaper Paper)> Numbered(IReadOnlyList<RetrievedPaper> papers) =>
        [.. papers.Select((p, i) => (i + 1, p))];

    private AnswerResult Log(AnswerResult result)
    {
        AnsweringLog.Answered(logger, result.Mode, result.Sources.Count, result.Timings.Total.TotalMilliseconds,
            result.Timings.Retrieval.TotalMilliseconds, result.Timings.Generation.TotalMilliseconds, result.DroppedCitations);
        return result;
    }

    private static Dictionary<string, string> Values(string sources, string question) =>
        new() { ["sources"] = sources, ["question"] = question };

    private int CountTokens(IReadOnlyList<ChatMessage> messages) => messages.Sum(m => packer.CountTokens(m.Text));

    private static string NotCovered(string query) =>
        TextTerms.Stems(query).Count == 0
            ? "The question has no searchable words (only very common words or punctuation), so the indexed papers cannot answer it. Name a topic, method or dataset."
            : "The indexed papers do not cover this question: no paper matches enough of its words. Try other words, or a wider date range.";

    /// <summary>
    /// The answer to a day question that names no topic ("what came out on June 16?") or whose topic no paper of
    /// those days has: the days' most upvoted papers, or, for days without papers, the nearest days that have some.
    /// </summary>
    private (string Body, List<(int Number, RetrievedPaper Paper)> Papers) DayListing(AnswerRun run, AnswerPeriod period, string search)
    {
        run.Mode = AnswerMode.Extractive;
        var (papers, total) = store.MostUpvoted(period.From ?? DateOnly.MinValue, period.To ?? DateOnly.MaxValue, MaxListedPapers);
        if (total == 0)
        {
            var nearest = period.From is { } from ? store.NearestDays(from, Index.DayListing.NearestDaysShown) : [];
            var days = string.Join(", ", nearest.OrderBy(d => d).Select(d => d.ToString("yyyy-MM-dd (ddd)", CultureInfo.InvariantCulture)));
            return ($"No papers were featured {period.Phrase()}.{(days.Length > 0 ? $" The nearest days with papers: {days}." : "")}", []);
        }

        if (total > papers.Count)
        {
            run.Notices.Add($"{papers.Count} of the {total} papers {period.Phrase()} are shown, most upvoted first.");
        }

        var header = TextTerms.Stems(search).Count == 0
            ? $"The papers {period.Phrase()}, most upvoted first:"
            : $"No paper {period.Phrase()} matches the question's words; the papers of those days, most upvoted first:";
        var retrieved = papers.Select(p => new RetrievedPaper(p.Pid, p.Paper, p.Paper.Upvotes ?? 0, null, null, 0)).ToList();
        return (ExtractiveAnswerer.List(header, "", retrieved, new Dictionary<string, double>()), Numbered(retrieved));
    }
}
