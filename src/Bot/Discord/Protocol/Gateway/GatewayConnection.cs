using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>
/// One WebSocket connection: Hello, heartbeats, Identify or Resume, and dispatches handed to a channel. It ends
/// with a <see cref="GatewayDisconnect"/> and never retries itself; <see cref="GatewayClient"/> decides what next.
/// </summary>
internal sealed class GatewayConnection(
    DiscordOptions options,
    GatewayTimings timings,
    TimeProvider timeProvider,
    IdentifyGate identifyGate,
    int maxConcurrency,
    GatewaySession session,
    ChannelWriter<GatewayDispatch> dispatches,
    ILogger logger) : IDisposable
{
    private readonly GatewaySocket _socket = new(timeProvider);
    private readonly TaskCompletionSource<GatewayDisconnect> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private volatile bool _ackReceived = true;
    private volatile bool _established;
    private Task _heartbeat = Task.CompletedTask;
    private Task _authenticate = Task.CompletedTask;

    /// <summary>Whether READY or RESUMED arrived: a good connect, which resets the reconnect backoff.</summary>
    public bool Established => _established;

    public async Task<GatewayDisconnect> RunAsync(Uri uri, bool resume, CancellationToken stopToken)
    {
        await _socket.ConnectAsync(uri, timings.ReadyTimeout, stopToken);

        using var stopRegistration = stopToken.Register(() => _ended.TrySetResult(GatewayDisconnect.Stopped));
        var receive = ReceiveLoopAsync(resume, _cancel.Token);
        var readyWatch = WatchReadyTimeoutAsync(_cancel.Token);

        var outcome = await _ended.Task;
        await CloseAsync(outcome, receive);
        await _cancel.CancelAsync();
        await Task.WhenAll(receive, readyWatch, _heartbeat, _authenticate).ContinueWith(static _ => { }, TaskScheduler.Default);
        return outcome;
    }

    public void Dispose()
    {
        _cancel.Dispose();
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync(bool resume, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await _socket.ReceiveAsync(cancellationToken) is not { } frame)
                {
                    var code = _socket.CloseStatus;
                    if (_ended.TrySetResult(new GatewayDisconnect(GatewayDisconnectReason.ServerClosed, code)))
                    {
                        logger.ServerClosed(code, _socket.CloseDescription);
                    }

                    return;
                }

                await HandleFrameAsync(frame, resume, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Whatever the failure, it must end the connection (and so reconnect): a receive loop that died
            // quietly would leave the bot deaf behind a socket that still looks open.
            EndWithTransportError(e);
        }
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> bytes, bool resume, CancellationToken cancellationToken)
    {
        JsonDocument document;
        int op;
        try
        {
            document = JsonDocument.Parse(bytes);
            op = document.RootElement.GetProperty("op").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            logger.MalformedFrame(bytes.Length, e);
            return;
        }

        using (document)
        {
            try
            {
                await HandlePayloadAsync((GatewayOpCode)op, document.RootElement, resume, cancellationToken);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                logger.MalformedFrame(bytes.Length, e);
            }
        }
    }

    private async Task HandlePayloadAsync(GatewayOpCode op, JsonElement root, bool resume, CancellationToken cancellationToken)
    {
        switch (op)
        {
            case GatewayOpCode.Hello:
                var interval = TimeSpan.FromMilliseconds(root.GetProperty("d").GetProperty("heartbeat_interval").GetDouble());
                _heartbeat = HeartbeatLoopAsync(interval, cancellationToken);

                // Identify may wait up to 5 s for its concurrency slot; ACKs must keep flowing meanwhile.
                _authenticate = AuthenticateAsync(resume, cancellationToken);
                break;
            case GatewayOpCode.HeartbeatAck:
                _ackReceived = true;
                logger.HeartbeatAcknowledged();
                break;
            case GatewayOpCode.Heartbeat:
                await SendHeartbeatAsync(cancellationToken);
                break;
            case GatewayOpCode.Dispatch:
                HandleDispatch(root);
                break;
            case GatewayOpCode.Reconnect:
                logger.ReconnectRequested();
                _ended.TrySetResult(new GatewayDisconnect(GatewayDisconnectReason.ReconnectRequested));
                break;
            case GatewayOpCode.InvalidSession:
                var resumable = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                logger.InvalidSession(resumable);
                _ended.TrySetResult(new GatewayDisconnect(GatewayDisconnectReason.InvalidSession, Resumable: resumable));
                break;
            default:
                logger.UnknownOp((int)op);
                break;
        }
    }

    private void HandleDispatch(JsonElement root)
    {
        var eventName = root.GetProperty("t").GetString() ?? throw new FormatException("A dispatch without an event name.");
        var sequence = root.GetProperty("s").GetInt32();
        var data = root.TryGetProperty("d", out var d) ? d.Clone() : default;
        session.Observe(sequence);
        logger.DispatchReceived(eventName, sequence);

        if (eventName == GatewayEvents.Ready)
        {
            var ready = data.Deserialize<ReadyEvent>(DiscordJson.Options);
            if (ready is null || ready.SessionId.Length == 0 || ready.ResumeGatewayUrl.Length == 0)
            {
                throw new FormatException("READY without session_id or resume_gateway_url.");
            }

            session.Start(ready.SessionId, ready.ResumeGatewayUrl, ready.User);
            _established = true;
            logger.Ready();
        }
        else if (eventName == GatewayEvents.Resumed)
        {
            _established = true;
            logger.Resumed();
        }

        // Unbounded: the receive loop must never wait on whoever handles events.
        dispatches.TryWrite(new GatewayDispatch(eventName, sequence, data));
    }

    private async Task AuthenticateAsync(bool resume, CancellationToken cancellationToken)
    {
        try
        {
            if (resume && session.SessionId is { } sessionId)
            {
                await SendAsync(GatewayFrames.Resume(options.Token, sessionId, session.LastSequence), false, cancellationToken);
                return;
            }

            await identifyGate.WaitAsync(options.ShardId, maxConcurrency, cancellationToken);
            var intents = DiscordIntentsSelector.For(options);
            await SendAsync(GatewayFrames.Identify(options.Token, intents, options.ShardId, options.ShardCount, session.Activity), false, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException)
        {
            EndWithTransportError(e);
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            // The random first delay spreads many clients' beats after a Discord-wide reconnect.
            await Task.Delay(interval * timings.Random(), timeProvider, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_ackReceived)
                {
                    logger.Zombie();
                    _ended.TrySetResult(new GatewayDisconnect(GatewayDisconnectReason.Zombie));
                    return;
                }

                _ackReceived = false;
                await SendHeartbeatAsync(cancellationToken);
                await Task.Delay(interval, timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // As in the receive loop: a heartbeat loop that died quietly would let Discord drop the session.
            EndWithTransportError(e);
        }
    }

    private async Task WatchReadyTimeoutAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(timings.ReadyTimeout, timeProvider, cancellationToken);
            if (!_established)
            {
                logger.ReadyTimeout(timings.ReadyTimeout);
                _ended.TrySetResult(new GatewayDisconnect(GatewayDisconnectReason.ReadyTimeout));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        var sequence = session.LastSequence;
        await SendAsync(GatewayFrames.Heartbeat(sequence), true, cancellationToken);
        logger.HeartbeatSent(sequence);
    }

    /// <summary>A send or receive failed; once the connection already ended (a close raced a heartbeat) that is expected, not news.</summary>
    private void EndWithTransportError(Exception exception)
    {
        if (_ended.TrySetResult(new GatewayDisconnect(GatewayDisconnectReason.TransportError)))
        {
            logger.TransportError(exception);
        }
    }

    /// <summary>Sends a presence update (op 3) on this connection once it is established.</summary>
    public async Task UpdatePresenceAsync(string activity, CancellationToken cancellationToken)
    {
        if (_established)
        {
            await SendAsync(GatewayFrames.Presence(activity), false, cancellationToken);
        }
    }

    private Task SendAsync(byte[] frame, bool isHeartbeat, CancellationToken cancellationToken) =>
        _socket.SendAsync(frame, isHeartbeat, cancellationToken);

    private Task CloseAsync(GatewayDisconnect outcome, Task receive)
    {
        // 1000 ends the session (the bot shows offline); any other code keeps it resumable. A server's close is echoed.
        var code = outcome.Reason switch
        {
            GatewayDisconnectReason.Stopped => WebSocketCloseStatus.NormalClosure,
            GatewayDisconnectReason.ServerClosed => (WebSocketCloseStatus)(_socket.CloseStatus ?? (int)WebSocketCloseStatus.NormalClosure),
            _ => (WebSocketCloseStatus)GatewayCloseCodes.ClientResuming,
        };
        return _socket.CloseAsync(code, receive, timings.CloseTimeout);
    }
}
