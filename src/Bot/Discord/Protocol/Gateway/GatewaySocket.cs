using System.Buffers;
using System.Net.WebSockets;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>
/// The WebSocket under one gateway connection: whole frames in (fragments joined), size- and rate-limited frames
/// out, one send at a time, and a close that never hangs.
/// </summary>
internal sealed class GatewaySocket(TimeProvider timeProvider) : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly GatewaySendLimiter _sendLimiter = new(timeProvider);
    private readonly ArrayBufferWriter<byte> _frame = new(8192);

    public int? CloseStatus => (int?)_socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public async Task ConnectAsync(Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Keep-alive pings would only duplicate Discord's own heartbeats.
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;

        // A handshake that never completes would otherwise hang the bot forever.
        using var connectTimeout = new CancellationTokenSource(timeout, timeProvider);
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
        await _socket.ConnectAsync(uri, connecting.Token);
    }

    /// <summary>The next whole frame, valid until the next call; null when the server closed the connection.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _frame.ResetWrittenCount();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_frame.GetMemory(4096), cancellationToken);
            _frame.Advance(result.Count);
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        return _frame.WrittenMemory;
    }

    public async Task SendAsync(byte[] frame, bool isHeartbeat, CancellationToken cancellationToken)
    {
        if (frame.Length > GatewayFrames.MaxFrameBytes)
        {
            throw new InvalidOperationException($"A gateway frame of {frame.Length} bytes exceeds Discord's {GatewayFrames.MaxFrameBytes}-byte limit.");
        }

        await _sendLimiter.WaitAsync(isHeartbeat, cancellationToken);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a close frame and waits for the receive loop to see the server's reply; drops the socket on timeout.</summary>
    public async Task CloseAsync(WebSocketCloseStatus code, Task receiveLoop, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _sendLock.WaitAsync(deadline.Token);
                try
                {
                    await _socket.CloseOutputAsync(code, null, deadline.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            await receiveLoop.WaitAsync(deadline.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or TimeoutException)
        {
            _socket.Abort();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
