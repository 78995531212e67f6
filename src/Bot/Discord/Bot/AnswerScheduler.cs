using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Puts answering work in the <see cref="RequestQueue"/> and keeps the waiting user informed: their position
/// and estimated wait, edited in as it changes; a request the queue drops at shutdown is told so.
/// </summary>
public sealed class AnswerScheduler(
    RequestQueue queue, InFlightWork inFlight, TimeProvider time, ILogger<AnswerScheduler> logger)
{
    /// <summary>How often a waiting user's position is checked; an edit is sent only when it changed.</summary>
    public static readonly TimeSpan PositionRefresh = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Queues <paramref name="work"/> for <paramref name="userId"/>; returns the queue's answer at once. While it
    /// waits, <paramref name="surface"/> shows the position; the work runs with the queue's stop token.
    /// </summary>
    public QueueAdmission Schedule(ulong userId, IReplySurface surface, Func<CancellationToken, Task> work)
    {
        // Serializes position edits with the start of the work, so a late position edit cannot overwrite the answer.
        var gate = new SemaphoreSlim(1, 1);
        var started = false;
        var admission = queue.TryEnqueue(userId, async cancellationToken =>
        {
            await gate.WaitAsync(cancellationToken);
            started = true;
            gate.Release();
            await work(cancellationToken);
        });
        if (!admission.Accepted)
        {
            return admission;
        }

        inFlight.Track(WatchAsync(admission, surface, gate, () => started));
        return admission;
    }

    private async Task WatchAsync(QueueAdmission admission, IReplySurface surface, SemaphoreSlim gate, Func<bool> started)
    {
        var shown = -1;
        while (!admission.Completion.IsCompleted)
        {
            var place = queue.PlaceOf(admission.Ticket);
            var position = place.Position;
            // With no real wait ahead, "thinking…" (or typing) already says enough; a line would only flicker.
            if (position > 0 && position != shown && place.EstimatedWait >= TimeSpan.FromSeconds(1))
            {
                await gate.WaitAsync();
                try
                {
                    if (!started())
                    {
                        await ShowQuietlyAsync(surface, place.Message);
                        shown = position;
                    }
                }
                finally
                {
                    gate.Release();
                }
            }

            await Task.WhenAny(admission.Completion, Task.Delay(PositionRefresh, time));
        }

        if (admission.Completion.IsCanceled && !started())
        {
            // The queue stopped (shutdown) before this request's turn came.
            await ShowQuietlyAsync(surface, BotMessages.ShuttingDown);
        }
        else if (admission.Completion.IsFaulted)
        {
            DiscordBotLog.WorkFailed(logger, admission.Completion.Exception!.InnerException!);
            await ShowQuietlyAsync(surface, BotMessages.Failed, fail: true);
        }
    }

    private async Task ShowQuietlyAsync(IReplySurface surface, string text, bool fail = false)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
            if (fail)
            {
                await surface.FailAsync(text, timeout.Token);
                return;
            }

            await surface.ShowAsync(new OutgoingMessage { Content = text }, timeout.Token);
        }
        catch (Exception e)
        {
            // A status line is a courtesy: failing to show it must not end the request's bookkeeping.
            DiscordBotLog.StatusEditFailed(logger, e);
        }
    }
}
