using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The daily sync and digest of the servers that set their own schedule (<c>/config schedule</c>). Each minute it
/// reads the settings from the index (so a change applies without a restart); a server whose local time has reached
/// its time and that has not run on its local day yet gets: yesterday's and today's (UTC) papers synced, the
/// watches' alerts, and the digest of the newer of those two days that has papers (each day's digest once), in each
/// digest channel the bot may post in. With Discord:WeeklyDigest, the run of the server's local Monday also posts the
/// digest of the week before (Monday to Sunday) there. Servers without a schedule follow Papers:SyncHourUtc
/// (<see cref="DailyDigestService"/>).
/// </summary>
public sealed class ServerScheduleService(
    ServerSettingsStore settings,
    PaperSync sync,
    PaperStore store,
    BotAnswers answers,
    WatchAlertSender alerts,
    DiscordRestClient rest,
    ChannelPermissions permissions,
    GatewayClient gateway,
    IOptions<DiscordOptions> discord,
    TimeProvider time,
    ILogger<ServerScheduleService> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    // One check at a time: two would both find a server due and run it twice.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(CheckInterval, time, stoppingToken);
                await RunDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs the servers whose time has come today; one failing server does not stop the others.</summary>
    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await RunDueCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RunDueCoreAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var server in settings.All().Where(s => s.DigestTime is not null))
        {
            try
            {
                var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(server.TimeZone ?? "UTC"));
                var localDay = DateOnly.FromDateTime(local.DateTime);
                if (server.LastRunDay == localDay || TimeOnly.FromDateTime(local.DateTime) < server.DigestTime)
                {
                    continue;
                }

                // Recorded first: a run that fails is not retried every minute for the rest of the day.
                settings.Save(server with { LastRunDay = localDay });
                var posted = await RunAsync(server, now, cancellationToken);
                settings.Save(settings.Get(server.ServerId) with { DigestedDay = posted ?? server.DigestedDay });
                if (discord.Value.WeeklyDigest && localDay.DayOfWeek == DayOfWeek.Monday)
                {
                    var week = DigestPeriod.WeekOf(localDay.AddDays(-7));
                    if (await PostAsync(server, new DigestRequest { Period = week }, cancellationToken))
                    {
                        ServerScheduleLog.PostedWeek(logger, server.ServerId, week.Name);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ServerScheduleLog.RunFailed(logger, server.ServerId, e);
            }
        }
    }

    /// <summary>One server's run; the day whose digest it posted, if any.</summary>
    private async Task<DateOnly?> RunAsync(ServerSettings server, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var changed = new List<DateOnly>();
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            if ((await sync.SyncAsync(DailyPapersPeriod.Day(day), cancellationToken)).Added > 0)
            {
                changed.Add(day);
            }
        }

        await alerts.DecideAndSendAsync(changed, cancellationToken);
        var latest = new[] { today, today.AddDays(-1) }.FirstOrDefault(d => store.PapersOfDay(d).Count > 0);
        if (latest == default || latest <= server.DigestedDay)
        {
            return null;
        }

        if (!await PostAsync(server, new DigestRequest(latest), cancellationToken))
        {
            return null;
        }

        ServerScheduleLog.Posted(logger, server.ServerId, latest);
        return latest;
    }

    /// <summary>Posts a digest in each of the server's digest channels the bot may post in; false when there was nothing to post or nowhere to post it.</summary>
    private async Task<bool> PostAsync(ServerSettings server, DigestRequest request, CancellationToken cancellationToken)
    {
        if (server.DigestChannels.Count == 0)
        {
            return false;
        }

        var digest = await answers.SummarizeAsync(request, cancellationToken);
        if (!digest.Complete || digest.PaperCount == 0)
        {
            return false;
        }

        var guild = ulong.Parse(server.ServerId, CultureInfo.InvariantCulture);
        foreach (var channel in server.DigestChannels.Select(c => ulong.Parse(c, CultureInfo.InvariantCulture)))
        {
            if (!permissions.MaySend(guild, channel, gateway.CurrentUser?.Id ?? 0))
            {
                ServerScheduleLog.NoPermission(logger, server.ServerId, channel);
                continue;
            }

            await DigestMessages.SendAsync(rest, channel, digest, cancellationToken);
        }

        return true;
    }
}
