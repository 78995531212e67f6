using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag.Answering;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Shows an answer on a <see cref="IReplySurface"/>: the text as it streams (edits no more often than
/// Discord:StreamEditIntervalMs), then the checked answer split into messages of at most 2000 characters, with
/// its sources. A stop (shutdown, the interaction's 15-minute limit) edits in what was written and why it ended.
/// </summary>
public sealed class AnswerPresenter(IOptions<DiscordOptions> options, TimeProvider time, ILogger<AnswerPresenter> logger)
{
    // Room for the "…" that marks a preview as unfinished.
    private const int PreviewLength = MessageSplitter.DiscordMaxLength - 10;

    // Edits after a stop must not use the cancelled token, yet must not hold up shutdown either.
    private static readonly TimeSpan FinalEditTimeout = TimeSpan.FromSeconds(10);

    private readonly DiscordOptions _options = options.Value;

    /// <summary>Streams <paramref name="updates"/> onto <paramref name="surface"/> until done, <paramref name="stopping"/> or <paramref name="deadline"/>.</summary>
    public async Task PresentAsync(
        IReplySurface surface, Func<CancellationToken, IAsyncEnumerable<AnswerUpdate>> updates, DateTimeOffset? deadline, CancellationToken stopping)
    {
        using var expiry = deadline is { } end ? new CancellationTokenSource(Max(end - time.GetUtcNow(), TimeSpan.Zero), time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, expiry.Token);
        var interval = TimeSpan.FromMilliseconds(_options.StreamEditIntervalMs);
        var streamed = new System.Text.StringBuilder();
        AnswerResult? result = null;
        var lastEdit = time.GetTimestamp();
        try
        {
            await foreach (var update in updates(linked.Token).WithCancellation(linked.Token))
            {
                result = update.Result ?? result;
                if (update.Delta is not { } delta)
                {
                    continue;
                }

                streamed.Append(delta);
                if (time.GetElapsedTime(lastEdit) >= interval)
                {
                    await surface.ShowAsync(new OutgoingMessage { Content = Preview(streamed.ToString()) }, linked.Token);
                    lastEdit = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            result = null;
        }

        var stopNotice = stopping.IsCancellationRequested ? BotMessages.ShuttingDown
            : expiry.IsCancellationRequested ? BotMessages.DeadlineReached
            : null;
        using var finalEdits = new CancellationTokenSource(FinalEditTimeout, time);
        if (result is { Complete: true } && stopNotice is null)
        {
            await ShowFinalAsync(surface, WithNotices(result), result, finalEdits.Token);
            return;
        }

        var written = result?.Answer is { Length: > 0 } partial ? partial : streamed.ToString();
        var notice = stopNotice ?? BotMessages.Failed;
        DiscordBotLog.AnswerCut(logger, notice, result?.Failure);
        await ShowFinalAsync(surface, written.Length == 0 ? notice : written.TrimEnd() + "\n\n*" + notice + "*", null, finalEdits.Token);
    }

    /// <summary>
    /// Text split into messages: the first replaces the main message, the rest follow it; sources end the last one, with
    /// "Related papers" buttons for the answer's sources (or <paramref name="buttons"/>, a digest's).
    /// </summary>
    public async Task ShowFinalAsync(IReplySurface surface, string text, AnswerResult? sources, CancellationToken cancellationToken, MessageComponent? buttons = null)
    {
        var chunks = MessageSplitter.Split(text).ToList();
        if (chunks.Count == 0)
        {
            chunks.Add("(no answer)");
        }

        Embed? embed = null;
        if (sources is not null)
        {
            if (_options.PlainText || !surface.CanEmbed)
            {
                chunks.AddRange(MessageSplitter.Split(SourcesEmbed.PlainText(sources)));
            }
            else
            {
                embed = SourcesEmbed.For(sources);
            }
        }

        buttons ??= sources is null ? null : RelatedButtons.For(sources.Sources.Select(s => (s.Number, s.Id)));
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            var message = new OutgoingMessage
            {
                Content = chunks[i], Embeds = last && embed is not null ? [embed] : [], Components = last && buttons is not null ? [buttons] : null,
            };
            if (i == 0)
            {
                await surface.ShowAsync(message, cancellationToken);
            }
            else
            {
                await surface.AppendAsync(message, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The answer with its notices ("Read "retreival" as "retrieval".", a question cut short) below it as Discord's
    /// small subtext lines: the console shows them beside the answer, and a Discord reader needs them as much.
    /// </summary>
    private static string WithNotices(AnswerResult result) =>
        result.Notices.Count == 0 ? result.Answer : result.Answer.TrimEnd() + "\n\n" + string.Join('\n', result.Notices.Select(n => "-# " + n));

    private static string Preview(string text) =>
        text.Length <= PreviewLength ? text + BotMessages.Truncated : text[..PreviewLength] + BotMessages.Truncated;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
