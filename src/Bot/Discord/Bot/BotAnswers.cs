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
    private int _refusalLogged;

    public async IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ModelLoadException? refused = null;
        await using (var updates = answerer.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken))
        {
            var started = false;
            while (refused is null)
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
                catch (ModelLoadException e) when (!started && !request.NoModel)
                {
                    refused = e;
                    break;
                }

                started = true;
                yield return update;
            }
        }

        LogRefusal(refused!);
        await foreach (var update in answerer.StreamAsync(request with { NoModel = true }, cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>A day's digest; extractive when llama.cpp refuses the model.</summary>
    public async Task<DigestResult> SummarizeAsync(DateOnly? day, CancellationToken cancellationToken)
    {
        try
        {
            return await digest.SummarizeAsync(new DigestRequest(day), cancellationToken);
        }
        catch (ModelLoadException e)
        {
            LogRefusal(e);
            return await digest.SummarizeAsync(new DigestRequest(day, NoModel: true), cancellationToken);
        }
    }

    private void LogRefusal(ModelLoadException refusal)
    {
        if (Interlocked.Exchange(ref _refusalLogged, 1) == 0)
        {
            DiscordBotLog.ModelRefused(logger, refusal.Message);
        }
    }
}
