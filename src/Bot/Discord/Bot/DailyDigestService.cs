using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// With Papers:SyncHourUtc set, syncs yesterday's and today's Daily Papers once a day at that hour and, with
/// Discord:DigestChannelId set, posts the digest of each day that got new papers. Yesterday is included because
/// papers are still featured on a day after it began in other time zones. The watches are then matched against
/// the days that got new papers, and their alerts sent. With Discord:WeeklyDigest, Monday's run then posts the digest
/// of the week before (Monday to Sunday).
/// </summary>
public sealed class DailyDigestService(
    PaperSync sync,
    BotAnswers answers,
    WatchAlertSender alerts,
    DiscordRestClient rest,
    IOptions<PapersOptions> papers,
    IOptions<DiscordOptions> discord,
    TimeProvider time,
    ILogger<DailyDigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (papers.Value.SyncHourUtc is not { } hour)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = DigestSchedule.UntilNext(time.GetUtcNow(), hour);
                DiscordBotLog.DigestScheduled(logger, hour, delay);
                await Task.Delay(delay, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One day's run: sync, then post the digests of days that changed. Each day stands alone: yesterday's failure does not cost today's digest.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var changed = new List<DateOnly>();
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            try
            {
                var synced = await sync.SyncAsync(DailyPapersPeriod.Day(day), cancellationToken);
                DiscordBotLog.DaySynced(logger, day, synced.Fetched, synced.Added);
                if (synced.Added > 0)
                {
                    changed.Add(day);
                }

                if (synced.Added > 0 && discord.Value.DigestChannelId is { } channel)
                {
                    await PostDigestAsync(channel, day, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Tomorrow's run may well succeed; the bot keeps answering meanwhile.
                DiscordBotLog.DigestFailed(logger, day, e);
            }
        }

        // Also with no new papers: alerts a restart or a failed send left behind go out.
        await alerts.DecideAndSendAsync(changed, cancellationToken);

        if (discord.Value is { WeeklyDigest: true, DigestChannelId: { } digestChannel } && today.DayOfWeek == DayOfWeek.Monday)
        {
            var lastWeek = DigestPeriod.WeekOf(today.AddDays(-7));
            try
            {
                await PostDigestAsync(digestChannel, new DigestRequest { Period = lastWeek }, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiscordBotLog.WeeklyDigestFailed(logger, lastWeek.Name, e);
            }
        }
    }

    private Task PostDigestAsync(ulong channel, DateOnly day, CancellationToken cancellationToken) =>
        PostDigestAsync(channel, new DigestRequest(day), cancellationToken);

    private async Task PostDigestAsync(ulong channel, DigestRequest request, CancellationToken cancellationToken)
    {
        var result = await answers.SummarizeAsync(request, cancellationToken);
        if (!result.Complete || result.PaperCount == 0)
        {
            return;
        }

        await DigestMessages.SendAsync(rest, channel, result, cancellationToken);
    }
}
