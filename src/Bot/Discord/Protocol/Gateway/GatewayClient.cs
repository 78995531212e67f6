using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>
/// Keeps one shard connected to the Discord gateway: connects, resumes or identifies, reconnects with backoff,
/// and stops on close codes that retrying cannot fix. Events arrive on <see cref="Dispatches"/>; the receive
/// loop never runs handlers.
/// </summary>
public sealed class GatewayClient
{
    private readonly DiscordOptions _options;
    private readonly DiscordRestClient _rest;
    private readonly GatewayTimings _timings;
    private readonly TimeProvider _timeProvider;
    private readonly IdentifyGate _identifyGate;
    private readonly ILogger<GatewayClient> _logger;
    private readonly GatewaySession _session = new();
    private volatile GatewayConnection? _current;

    /// <summary>Connection attempts in a row that did not reach Discord: the first is told, the rest are quiet.</summary>
    private int _unreachable;
    private readonly Channel<GatewayDispatch> _dispatches =
        Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });

    public GatewayClient(
        IOptions<DiscordOptions> options,
        DiscordRestClient rest,
        GatewayTimings timings,
        IdentifyGate identifyGate,
        TimeProvider timeProvider,
        ILogger<GatewayClient> logger)
    {
        _options = options.Value;
        _rest = rest;
        _timings = timings;
        _identifyGate = identifyGate;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Every dispatch (READY, MESSAGE_CREATE, INTERACTION_CREATE, ...) in order; completes when the client stops.</summary>
    public ChannelReader<GatewayDispatch> Dispatches => _dispatches.Reader;

    /// <summary>The bot's own user once READY arrived (to recognise mentions and its own messages); null before.</summary>
    public DiscordUser? CurrentUser => _session.User;

    /// <summary>
    /// Shows "Listening to <paramref name="activity"/>" now if connected, and on every later Identify. Discord
    /// allows about 5 updates a minute; callers send only changes. A connection that is not up only keeps the text.
    /// </summary>
    public async Task SetActivityAsync(string activity, CancellationToken cancellationToken)
    {
        _session.Activity = activity;
        if (_current is { } connection)
        {
            try
            {
                await connection.UpdatePresenceAsync(activity, cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The connection is going away; the next Identify carries the activity.
            }
        }
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (then closes with 1000 and returns) or Discord
    /// refuses the bot (then throws <see cref="DiscordFatalException"/> naming the setting to fix).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_timings.InitialBackoff, _timings.MaxBackoff, _timings.Random);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (outcome, established) = await ConnectOnceAsync(cancellationToken);
                if (outcome.Reason == GatewayDisconnectReason.Stopped)
                {
                    break;
                }

                if (established)
                {
                    _unreachable = 0;
                    backoff.Reset();
                }

                var delay = Decide(outcome, backoff);
                _logger.ReconnectDelay(delay, _session.CanResume ? "resume" : "identify");
                await Task.Delay(delay, _timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (DiscordFatalException e)
        {
            _dispatches.Writer.TryComplete(e);
            throw;
        }

        _logger.Stopped();
        _dispatches.Writer.TryComplete();
    }

    private async Task<(GatewayDisconnect Outcome, bool Established)> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var resume = _session.CanResume;
        GatewayConnection? connection = null;
        var target = _options.ApiBaseUrl; // what a failure could not reach: the REST API, then the gateway
        try
        {
            var (baseUrl, maxConcurrency) = await ResolveUrlAsync(resume, cancellationToken);
            connection = new GatewayConnection(
                _options, _timings, _timeProvider, _identifyGate, maxConcurrency, _session, _dispatches.Writer, _logger);
            _current = connection;
            var uri = WithGatewayQuery(baseUrl);
            target = uri.GetLeftPart(UriPartial.Path);
            _logger.Connecting(target, resume ? "resume" : "identify");
            var outcome = await connection.RunAsync(uri, resume, cancellationToken);
            return (outcome, connection.Established);
        }
        catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or UriFormatException
            or DiscordHttpException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (connection?.Established == true)
            {
                _logger.TransportError(e);
            }
            else if (++_unreachable == 1)
            {
                // Without a network this repeats every few seconds for as long as the bot runs: told once.
                _logger.Unreachable(target, e.Message);
            }
            else
            {
                _logger.StillUnreachable(_unreachable, e.Message);
            }

            return (new GatewayDisconnect(GatewayDisconnectReason.TransportError), connection?.Established ?? false);
        }
        finally
        {
            _current = null;
            connection?.Dispose();
        }
    }

    private async Task<(string Url, int MaxConcurrency)> ResolveUrlAsync(bool resume, CancellationToken cancellationToken)
    {
        if (resume)
        {
            return (_session.ResumeUrl!, 1);
        }

        if (!string.IsNullOrEmpty(_options.GatewayUrl))
        {
            return (_options.GatewayUrl, 1);
        }

        // Fetched before every fresh session: Discord asks clients not to cache it for long.
        var info = await _rest.GetGatewayBotAsync(cancellationToken);
        return (info.Url, info.SessionStartLimit.MaxConcurrency);
    }

    private TimeSpan Decide(GatewayDisconnect outcome, ReconnectBackoff backoff)
    {
        switch (outcome.Reason)
        {
            case GatewayDisconnectReason.ServerClosed:
                var action = GatewayCloseCodes.Classify(outcome.CloseCode);
                if (action == GatewayCloseAction.Fatal)
                {
                    var advice = GatewayCloseCodes.Advice(outcome.CloseCode!.Value);
                    _logger.Fatal(advice);
                    throw new DiscordFatalException(advice, outcome.CloseCode.Value);
                }

                if (action == GatewayCloseAction.NewSession)
                {
                    _session.Clear();
                }

                return backoff.Next();
            case GatewayDisconnectReason.InvalidSession when !outcome.Resumable:
                _session.Clear();
                var min = _timings.InvalidSessionMinDelay;
                return min + (_timings.InvalidSessionMaxDelay - min) * _timings.Random();
            default:
                return backoff.Next();
        }
    }

    /// <summary>Both the cached URL and resume_gateway_url need the version and encoding query.</summary>
    private static Uri WithGatewayQuery(string baseUrl) =>
        new UriBuilder(baseUrl) { Query = "v=10&encoding=json" }.Uri;
}
