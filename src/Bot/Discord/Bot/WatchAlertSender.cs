using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Delivers the watches' alerts that the ledger holds undelivered: a user's by DM, a channel's in the channel. Each
/// part of an alert is created under its own stable nonce and recorded once Discord acknowledged it, so a lost
/// response is retried into the same message and a restart resends only the parts never acknowledged. A channel
/// where the bot may not send gets no request (the alert waits for the permission); a refusal from Discord (the
/// user takes no DMs, the channel is gone) gives the alert up rather than retrying it forever.
/// </summary>
public sealed class WatchAlertSender(
    WatchRun run,
    WatchLedger ledger,
    DiscordRestClient rest,
    ChannelPermissions permissions,
    GatewayClient gateway,
    TimeProvider time,
    ILogger<WatchAlertSender> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Matches the watches against the synced <paramref name="days"/>, then sends every undelivered alert.</summary>
    public async Task DecideAndSendAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken)
    {
        try
        {
            if (days.Count > 0)
            {
                await run.DecideAsync(days, cancellationToken);
            }

            await SendPendingAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The bot goes on answering; the next sync matches these days again and sends what is left.
            WatchBotLog.MatchFailed(logger, string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), e);
        }
    }

    /// <summary>Sends what the ledger holds undelivered (one pass at a time: two would post the same part twice).</summary>
    public async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var alert in ledger.Pending().Where(a => a.Watch.Owner.Kind != WatchOwnerKind.Local))
            {
                await SendAsync(alert, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SendAsync(WatchAlert alert, CancellationToken cancellationToken)
    {
        var owner = alert.Watch.Owner;
        var target = ulong.Parse(owner.Id, CultureInfo.InvariantCulture);
        try
        {
            if (owner.Kind == WatchOwnerKind.Channel && !MaySend(owner, target))
            {
                WatchBotLog.NoPermission(logger, alert.Watch.Id, alert.Id, target);
                return;
            }

            var channel = owner.Kind == WatchOwnerKind.User ? (await rest.CreateDmAsync(target, cancellationToken)).Id : target;
            var parts = DiscordWatchText.Parts(alert);
            for (var part = 0; part < parts.Count; part++)
            {
                if (alert.SentParts.Contains(part))
                {
                    continue;
                }

                var message = await rest.CreateMessageAsync(channel, new OutgoingMessage { Content = parts[part].Text, Nonce = alert.PartNonce(part) }, cancellationToken);
                ledger.RecordPart(alert.Id, part, channel.ToString(CultureInfo.InvariantCulture), message.Id.ToString(CultureInfo.InvariantCulture), parts[part].PaperIds);
            }

            ledger.Complete(alert.Id, time.GetUtcNow());
            WatchBotLog.Delivered(logger, alert.Watch.Id, alert.Id, parts.Count);
        }
        catch (DiscordHttpException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            ledger.Complete(alert.Id, time.GetUtcNow());
            WatchBotLog.GivenUp(logger, alert.Watch.Id, alert.Id, e.Message);
        }
        catch (Exception e) when (e is DiscordHttpException or HttpRequestException)
        {
            WatchBotLog.Retry(logger, alert.Watch.Id, alert.Id, e);
        }
    }

    private bool MaySend(WatchOwner owner, ulong channel) =>
        owner.GuildId is not { } guild || permissions.MaySend(ulong.Parse(guild, CultureInfo.InvariantCulture), channel, gateway.CurrentUser?.Id ?? 0);
}
