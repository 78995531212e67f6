using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The bot's dispatcher: reads <see cref="GatewayClient.Dispatches"/> and hands each event to a handler on its
/// own task, so the receive loop never waits for user work; runs the request queue's workers; registers the
/// slash commands on the first READY. Stopping lets running answers say they were stopped before the gateway
/// (stopped after this service) closes with 1000.
/// </summary>
public sealed class DiscordBotService(
    GatewayClient gateway,
    RequestQueue queue,
    InFlightWork inFlight,
    InteractionHandler interactions,
    MentionHandler mentions,
    WatchReactionHandler reactions,
    WatchAlertSender alerts,
    CommandRegistrar registrar,
    ChannelPermissions permissions,
    IndexBootstrapper index,
    TimeProvider time,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    /// <summary>How long shutdown waits for answers to edit in their last words.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

    private int _registered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first question must not pay for building the index from the sample corpus.
        await Task.Run(() => index.EnsureSeeded(), stoppingToken);
        var workers = queue.RunAsync(stoppingToken);
        try
        {
            await foreach (var dispatch in gateway.Dispatches.ReadAllAsync(stoppingToken))
            {
                Dispatch(dispatch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (DiscordFatalException e)
        {
            // The gateway service ends the host and the command reports it; the queue still stops cleanly.
            DiscordBotLog.Fatal(logger, e.Message);
        }

        await workers;
        await inFlight.WaitAsync(DrainTimeout, time);
    }

    private void Dispatch(GatewayDispatch dispatch, CancellationToken stopping)
    {
        // Cheap and ordered: the permission cache must see a guild before the messages that follow it.
        permissions.Observe(dispatch, gateway.CurrentUser?.Id ?? 0);
        switch (dispatch.EventName)
        {
            case GatewayEvents.Ready when Interlocked.Exchange(ref _registered, 1) == 0:
                inFlight.Track(Task.Run(() => registrar.RegisterAsync(stopping), stopping));
                // Alerts decided before a restart (or by 'paperbot sync') and not yet delivered go out now.
                inFlight.Track(Task.Run(() => Guard(dispatch, () => alerts.SendPendingAsync(stopping)), stopping));
                break;
            case GatewayEvents.MessageReactionAdd:
                inFlight.Track(Task.Run(() => Guard(dispatch, () => reactions.HandleAsync(Read<ReactionEvent>(dispatch))), stopping));
                break;
            case GatewayEvents.InteractionCreate:
                inFlight.Track(Task.Run(() => Guard(dispatch, () => interactions.HandleAsync(Read<DiscordInteraction>(dispatch), stopping)), stopping));
                break;
            case GatewayEvents.MessageCreate:
                inFlight.Track(Task.Run(() => Guard(dispatch, () => mentions.HandleAsync(Read<DiscordMessage>(dispatch), stopping)), stopping));
                break;
        }
    }

    /// <summary>The last line of defence: an event that cannot even be read is logged, never allowed to end the bot.</summary>
    private async Task Guard(GatewayDispatch dispatch, Func<Task> handle)
    {
        try
        {
            await handle();
        }
        catch (Exception e)
        {
            DiscordBotLog.HandlerFailed(logger, dispatch.EventName, e);
        }
    }

    private static T Read<T>(GatewayDispatch dispatch) =>
        dispatch.As<T>() ?? throw new JsonException($"{dispatch.EventName} carried no object.");
}
