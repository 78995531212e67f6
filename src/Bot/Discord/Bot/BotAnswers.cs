using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Llm;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The answers and digests the bot posts. A local model that llama.cpp refuses (not enough memory for it or its context, an
/// architecture it does not know) shows only on first use, before any text, and every later question would meet the
/// same refusal: rather than a failure reply under each question, the bot answers extractively, quoting the
/// abstracts, and tells whoever runs it why, once, in its log.
/// </summary>
public sealed class BotAnswers(Answerer answerer, DayDigest digest, ILogger<BotAnswers> logger)
{
    /// <summary>
    /// The refusal, once llama.cpp has given it: later questions and digests go straight to the extractive path
    /// instead of retrieving once for the model and again without it.
    /// </summary>
    private ModelLoadException? _refusal;

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_refusal is null && !request.NoModel)
        {
            await using var updates = answerer.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var started = false;
            while (true)
            {
                AnswerUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        yield break;
                    }

                    update = updates.Current;
                }
                catch (ModelLoadException e) when (!started)
                {
                    Refused(e);
                    break;
                }

                started = true;
                yield return update;
            }
        }

        await foreach (var update in answerer.StreamAsync(request with { NoModel = true }, cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>A day's (or a period's) digest; extractive when llama.cpp refuses the model.</summary>
    public async Task<DigestResult> SummarizeAsync(DigestRequest request, CancellationToken cancellationToken)
    {
        if (_refusal is null)
        {
            try
            {
                return await digest.SummarizeAsync(request, cancellationToken);
            }
            catch (ModelLoadException e)
            {
                Refused(e);
            }
        }

        return await digest.SummarizeAsync(request with { NoModel = true }, cancellationToken);
    }

    /// <summary>Remembers the refusal and tells whoever runs the bot, once.</summary>
    private void Refused(ModelLoadException refusal)
    {
        if (Interlocked.CompareExchange(ref _refusal, refusal, null) is null)
        {
            DiscordBotLog.ModelRefused(logger, refusal.Message);
        }
    }
}
