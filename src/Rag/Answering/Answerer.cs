using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Answering.Packing;
using PaperBot.Rag.Answering.Prompts;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Answering;

/// <summary>
/// Answers a question from the indexed papers: follow-up condensation, retrieval, context packing, the
/// answer prompt streamed through the model (or an extractive answer without one), then the citation check.
/// Nothing relevant retrieved → a "not covered" answer without calling the model.
/// </summary>
public sealed class Answerer(
    Retriever retriever, ContextPacker packer, PromptLibrary prompts, FollowUpCondenser condenser, AnswerBudget budget,
    TimeProvider time, ILogger<Answerer> logger, IChatClient? chat = null, string? unusableModelNotice = null)
{
    private int _modelNoticeGiven;

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
        if (unusableModelNotice is not null && !request.NoModel && Interlocked.Exchange(ref _modelNoticeGiven, 1) == 0)
        {
            // Once per process: a chat or a bot would otherwise repeat it under every answer.
            run.Notices.Add(unusableModelNotice);
        }

        run.Standalone = await condenser.CondenseAsync(question.Text, request.History, model, cancellationToken);
        run.Condense = clock.Lap();
        var retrieval = await retriever.RetrieveAsync(run.Standalone, request.From, request.To, cancellationToken);
        run.Retrieval = clock.Lap();

        if (!retrieval.FoundRelevant)
        {
            AnsweringLog.NothingRelevant(logger);
            var body = NotCovered(run.Standalone, request);
            yield return AnswerUpdate.Text(body);
            yield return AnswerUpdate.Final(run.Finish(body, [], foundRelevant: false));
            yield break;
        }

        if (model is null)
        {
            var sources = retrieval.Papers.Select((p, i) => (i + 1, p)).ToList();
            run.Packing = clock.Lap();
            var body = ExtractiveAnswerer.Answer(run.Standalone, retrieval.Papers, retrieval.TermWeights);
            run.Generation = clock.Lap();
            yield return AnswerUpdate.Text(body);
            yield return AnswerUpdate.Final(Log(run.Finish(body, sources, foundRelevant: true)));
            yield break;
        }

        var template = prompts.Get(PromptName.Answer);
        var fixedPrompt = await template.RenderAsync(Values("", question.Text), cancellationToken);
        var packed = packer.Pack(retrieval.Papers, CountTokens(fixedPrompt));
        if (packed.Sources.Any(s => s.Shortened) || packed.LeftOut > 0)
        {
            run.Notices.Add($"The context window held {packed.Sources.Count} of {retrieval.Papers.Count} relevant papers{(packed.Sources.Any(s => s.Shortened) ? ", one abstract shortened" : "")}.");
        }

        var numbered = packed.Sources.Select(s => (s.Number, s.Retrieved)).ToList();
        if (numbered.Count == 0)
        {
            yield return AnswerUpdate.Final(run.Fail("", numbered, "the model's context window is too small for even one source; raise Llm:ContextSize or lower Llm:MaxAnswerTokens"));
            yield break;
        }

        var messages = await template.RenderAsync(Values(packed.SourcesText, question.Text), cancellationToken);
        AnsweringLog.Prompt(logger, string.Join("\n\n", messages.Select(m => $"[{m.Role}]\n{m.Text}")));
        run.Packing = clock.Lap();

        var answer = new StringBuilder();
        string? failure = null;
        await using (var stream = model.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = budget.MaxAnswerTokens }, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            while (true)
            {
                string? delta;
                try
                {
                    if (!await stream.MoveNextAsync())
                    {
                        break;
                    }

                    delta = stream.Current.Text;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    failure = "the answer was cancelled before it was finished";
                    break;
                }
                catch (Exception e)
                {
                    AnsweringLog.ModelFailed(logger, e);
                    failure = $"the model failed while answering ({e.Message})";
                    break;
                }

                if (!string.IsNullOrEmpty(delta))
                {
                    answer.Append(delta);
                    yield return AnswerUpdate.Text(delta);
                }
            }
        }

        run.Generation = clock.Lap();
        yield return AnswerUpdate.Final(failure is null
            ? Log(run.Finish(answer.ToString(), numbered, foundRelevant: true))
            : run.Fail(answer.ToString(), numbered, failure));
    }

    private AnswerResult Log(AnswerResult result)
    {
        AnsweringLog.Answered(logger, result.Mode, result.Sources.Count, result.Timings.Total.TotalMilliseconds,
            result.Timings.Retrieval.TotalMilliseconds, result.Timings.Generation.TotalMilliseconds, result.DroppedCitations);
        return result;
    }

    private static Dictionary<string, string> Values(string sources, string question) =>
        new() { ["sources"] = sources, ["question"] = question };

    private int CountTokens(IReadOnlyList<ChatMessage> messages) => messages.Sum(m => packer.CountTokens(m.Text));

    private static string NotCovered(string query, AnswerRequest request)
    {
        var range = (request.From, request.To) switch
        {
            (null, null) => "",
            ({ } f, { } t) when f == t => string.Create(CultureInfo.InvariantCulture, $" on {f:yyyy-MM-dd}"),
            (var f, var t) => string.Create(CultureInfo.InvariantCulture, $" between {f?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the first day"} and {t?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the last day"}"),
        };
        return TextTerms.Stems(query).Count == 0
            ? "The question has no searchable words (only very common words or punctuation), so the indexed papers cannot answer it. Name a topic, method or dataset."
            : $"The indexed papers{range} do not cover this question: no paper matches enough of its words. Try other words, or a wider date range.";
    }
}
