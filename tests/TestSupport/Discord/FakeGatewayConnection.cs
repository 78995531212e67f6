using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PaperBot.TestSupport.Discord;

/// <summary>The server side of one gateway WebSocket.</summary>
/// <remarks>Not disposable on purpose: a test may script a send just as the bot drops the connection; that send is then a no-op.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposing the send lock would turn a late scripted send into an ObjectDisposedException.")]
internal sealed class FakeGatewayConnection(WebSocket socket, GatewayConnectionRecord record)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Queue<DateTimeOffset> _receivedAt = new();

    public GatewayConnectionRecord Record { get; } = record;

    public FakeSession? Session { get; set; }

    /// <summary>When the bot last sent op 1 (or when Hello went out).</summary>
    public DateTimeOffset LastHeartbeat { get; set; }

    public bool IsOpen => socket.State == WebSocketState.Open;

    public async Task SendTextAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendOpAsync(int op, object? data) => SendTextAsync(JsonSerializer.Serialize(new { op, d = data, s = (int?)null, t = (string?)null }));

    /// <summary>Drops the TCP connection without a close frame, like a network failure.</summary>
    public void Abort() => socket.Abort();

    public async Task CloseAsync(int code, string reason)
    {
        Record.ServerCloseCode ??= code;
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads one whole message; null once the bot closed or dropped the socket.</summary>
    public async Task<byte[]?> ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (Record.ServerCloseCode is null)
                    {
                        Record.ClientCloseCode = (int?)socket.CloseStatus;
                    }

                    await CloseAsync((int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), "");
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return message.ToArray();
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    /// <summary>Counts one frame from the bot; false when it exceeds 120 in 60 s.</summary>
    public bool CountReceived(DateTimeOffset now)
    {
        while (_receivedAt.Count > 0 && now - _receivedAt.Peek() >= TimeSpan.FromSeconds(60))
        {
            _receivedAt.Dequeue();
        }

        _receivedAt.Enqueue(now);
        return _receivedAt.Count <= 120;
    }
}
