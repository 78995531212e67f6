using System.Net.WebSockets;
using System.Text;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

/// <summary>The fake enforces the limits a real Discord would, so a bot that breaks them fails its tests.</summary>
public sealed class FakeDiscordServerTests
{
    [Fact]
    public async Task The_gateway_closes_with_4008_past_120_frames_a_minute()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var socket = await ConnectAsync(server);
        var heartbeat = Encoding.UTF8.GetBytes("{\"op\":1,\"d\":null}");

        for (var i = 0; i < 121 && socket.State == WebSocketState.Open; i++)
        {
            await socket.SendAsync(heartbeat, WebSocketMessageType.Text, true, default);
        }

        await DrainUntilClosedAsync(socket);
        Assert.Equal(4008, (int?)socket.CloseStatus);
        Assert.Single(server.Gateway.Violations, v => v.Contains("120 frames", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gateway_closes_with_4002_on_oversized_frames_and_4005_on_a_second_identify()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using (var socket = await ConnectAsync(server))
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"op\":1,\"d\":\"" + new string('x', 5000) + "\"}"), WebSocketMessageType.Text, true, default);
            await DrainUntilClosedAsync(socket);
            Assert.Equal(4002, (int?)socket.CloseStatus);
        }

        using (var socket = await ConnectAsync(server))
        {
            var identify = Encoding.UTF8.GetBytes($"{{\"op\":2,\"d\":{{\"token\":\"{server.Gateway.Token}\",\"intents\":1,\"properties\":{{}}}}}}");
            await socket.SendAsync(identify, WebSocketMessageType.Text, true, default);
            await socket.SendAsync(identify, WebSocketMessageType.Text, true, default);
            await DrainUntilClosedAsync(socket);
            Assert.Equal(4005, (int?)socket.CloseStatus);
        }

        Assert.Equal(2, server.Gateway.Violations.Count);
    }

    [Fact]
    public async Task Rest_requests_without_bot_headers_or_allowed_mentions_are_violations()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(
            new Uri(server.ApiBaseUrl + "/channels/1/messages"), new StringContent("{\"content\":\"@everyone\"}", Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode);
        var violations = server.Rest.Violations;
        Assert.Contains(violations, v => v.Contains("Authorization", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("User-Agent", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("allowed_mentions", StringComparison.Ordinal));
    }

    private static async Task<ClientWebSocket> ConnectAsync(FakeDiscordServer server)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(server.GatewayUrl + "?v=10&encoding=json"), default);
        return socket;
    }

    private static async Task DrainUntilClosedAsync(ClientWebSocket socket)
    {
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
        }
    }
}
