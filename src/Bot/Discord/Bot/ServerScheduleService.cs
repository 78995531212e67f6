using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
/// digest channel the bot may post in. Servers without a schedule follow Papers:SyncHourUtc (<see cref="DailyDigestService"/>).
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
        if (latest == default || latest <= server.DigestedDay || server.DigestChannels.Count == 0)
        {
            return null;
        }

        var digest = await answers.SummarizeAsync(new DigestRequest(latest), cancellationToken);
        if (!digest.Complete || digest.PaperCount == 0)
        {
            return null;
        }

        var guild = ulong.Parse(server.ServerId, CultureInfo.InvariantCulture);
        foreach (var channel in server.DigestChannels.Select(c => ulong.Parse(c, CultureInfo.InvariantCulture)))
        {
            if (!permissions.MaySend(guild, channel, gateway.CurrentUser?.Id ?? 0))
            {
                ServerScheduleLog.NoPermission(logger, server.ServerId, channel);
                continue;
            }

            foreach (var chunk in MessageSplitter.Split(digest.Text))
            {
                await rest.CreateMessageAsync(channel, new OutgoingMessage { Content = chunk }, cancellationToken);
            }
        }

        ServerScheduleLog.Posted(logger, server.ServerId, latest);
        return latest;
    }
}
