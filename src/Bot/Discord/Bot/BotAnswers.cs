using PaperBot.Rag.Answering;
using PaperBot.Rag.Answering.Digest;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The answers and digests the bot posts. A model that cannot answer (llama.cpp refused it, or every server is down)
/// is handled inside answering like anywhere else: the answer or digest is extractive, and the reason reaches whoever
/// runs the bot through the model's log and the answer's notice.
/// </summary>
public sealed class BotAnswers(Answerer answerer, DayDigest digest)
{
    public IAsyncEnumerable<AnswerUpdate> StreamAsync(AnswerRequest request, CancellationToken cancellationToken) =>
        answerer.StreamAsync(request, cancellationToken);

    /// <summary>A day's or a period's digest.</summary>
    public Task<DigestResult> SummarizeAsync(DigestRequest request, CancellationToken cancellationToken) =>
        digest.SummarizeAsync(request, cancellationToken);
}
