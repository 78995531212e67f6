using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

/// <summary>The fake behaves as Discord does where a client could tell the difference, checked from the wire.</summary>
public sealed class FakeDiscordFidelityTests
{
    private const int GuildMessages = 1 << 9;
    private const int DirectMessages = 1 << 12;
    private const int MessageContent = 1 << 15;

    [Fact]
    public async Task Absent_fields_are_left_out_and_users_have_a_discriminator()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var socket = await IdentifiedAsync(server, GuildMessages | DirectMessages | MessageContent);

        await server.Gateway.InjectMessageCreateAsync(300, 10, 500, "in a guild", guildId: 400);
        await server.Gateway.InjectMessageCreateAsync(301, 11, 500, "a DM");
        var guild = await NextDispatchAsync(socket, "MESSAGE_CREATE");
        var direct = await NextDispatchAsync(socket, "MESSAGE_CREATE");

        Assert.Equal("400", guild.GetProperty("guild_id").GetString());
        Assert.False(direct.TryGetProperty("guild_id", out _));
        Assert.False(direct.TryGetProperty("member", out _));
        Assert.False(guild.TryGetProperty("message_reference", out _));
        Assert.Equal("0", guild.GetProperty("author").GetProperty("discriminator").GetString());
        Assert.False(guild.GetProperty("author").TryGetProperty("bot", out _));
        Assert.DoesNotContain("\"message_reference\":null", guild.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactions_carry_the_fields_discord_always_sends()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var socket = await IdentifiedAsync(server, GuildMessages);

        await server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(NewId(), "tok-guild", "ask"));
        await server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(NewId(), "tok-dm", "ask", guildId: null));
        var guild = await NextDispatchAsync(socket, "INTERACTION_CREATE");
        var direct = await NextDispatchAsync(socket, "INTERACTION_CREATE");

        foreach (var field in new[] { "app_permissions", "entitlements", "locale", "authorizing_integration_owners", "context", "attachment_size_limit", "channel" })
        {
            Assert.True(guild.TryGetProperty(field, out _), field);
            Assert.True(direct.TryGetProperty(field, out _), field);
        }

        Assert.Equal(0, guild.GetProperty("context").GetInt32());
        Assert.Equal(1, direct.GetProperty("context").GetInt32());
        Assert.True(guild.TryGetProperty("member", out _));
        Assert.True(direct.TryGetProperty("user", out _));
        Assert.False(direct.TryGetProperty("guild_id", out _));
    }

    [Fact]
    public async Task Without_the_message_content_intent_only_mentions_dms_and_own_messages_have_content()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var socket = await IdentifiedAsync(server, GuildMessages | DirectMessages);

        await server.Gateway.InjectMessageCreateAsync(300, 20, 500, "plain guild message", guildId: 400);
        await server.Gateway.InjectMessageCreateAsync(300, 21, 500, "<@100> a mention", guildId: 400, mentions: [FakePayloads.BotUserId]);
        await server.Gateway.InjectMessageCreateAsync(301, 22, 500, "a DM");
        await server.Gateway.InjectMessageCreateAsync(300, 23, FakePayloads.BotUserId, "the bot's own", guildId: 400);

        Assert.Equal("", (await NextDispatchAsync(socket, "MESSAGE_CREATE")).GetProperty("content").GetString());
        Assert.Equal("<@100> a mention", (await NextDispatchAsync(socket, "MESSAGE_CREATE")).GetProperty("content").GetString());
        Assert.Equal("a DM", (await NextDispatchAsync(socket, "MESSAGE_CREATE")).GetProperty("content").GetString());
        Assert.Equal("the bot's own", (await NextDispatchAsync(socket, "MESSAGE_CREATE")).GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_connection_that_stops_heartbeating_is_closed_with_4009()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Gateway.HeartbeatIntervalMs = 100;
        server.Gateway.HeartbeatTimeout = TimeSpan.FromMilliseconds(500);
        using var socket = await IdentifiedAsync(server, GuildMessages);

        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        Assert.Equal(4009, (int?)socket.CloseStatus);
    }

    [Fact]
    public async Task Interaction_rules_second_ack_late_ack_and_expired_token()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var http = Client(server);
        var fresh = NewId();
        server.Rest.Interactions.Add(fresh, "tok-fresh", channelId: 321);
        var late = Snowflake.FromTime(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(4));
        server.Rest.Interactions.Add(late, "tok-late");

        var first = await PostAsync(http, $"interactions/{fresh}/tok-fresh/callback", "{\"type\":5}");
        var second = await PostAsync(http, $"interactions/{fresh}/tok-fresh/callback", "{\"type\":5}");
        var tooLate = await PostAsync(http, $"interactions/{late}/tok-late/callback", "{\"type\":5}");
        var followup = await PostAsync(http, $"webhooks/{FakePayloads.ApplicationId}/tok-fresh?wait=true", "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]}}");
        server.Rest.Interactions.TokenLifetime = TimeSpan.Zero;
        var expired = await PostAsync(http, $"webhooks/{FakePayloads.ApplicationId}/tok-fresh?wait=true", "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]}}");

        Assert.Equal(HttpStatusCode.NoContent, first.Status);
        Assert.Equal((HttpStatusCode.BadRequest, 40060), (second.Status, Code(second.Body)));
        Assert.Equal((HttpStatusCode.NotFound, 10062), (tooLate.Status, Code(tooLate.Body)));
        Assert.Equal(HttpStatusCode.OK, followup.Status);
        Assert.Equal("321", followup.Body.GetProperty("channel_id").GetString());
        Assert.Equal((HttpStatusCode.Unauthorized, 50027), (expired.Status, Code(expired.Body)));
        Assert.Equal([40060, 10062, 50027], server.Rest.InvalidRequests.Select(r => r.ErrorCode ?? 0));
    }

    [Fact]
    public async Task Rate_limit_answers_carry_discords_headers()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        server.Rest.SetBucketLimit("typing", 1, TimeSpan.FromSeconds(5));
        using var http = Client(server);

        using var ok = await http.PostAsync(new Uri(server.ApiBaseUrl + "/channels/300/typing"), null);
        using var limited = await http.PostAsync(new Uri(server.ApiBaseUrl + "/channels/300/typing"), null);

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var reset = double.Parse(ok.Headers.GetValues("X-RateLimit-Reset").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3, 6);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("5", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("user", limited.Headers.GetValues("X-RateLimit-Scope").Single());
        Assert.Single(server.Rest.Violations);
    }

    private static ulong NewId() => Snowflake.FromTime(DateTimeOffset.UtcNow) + (ulong)Random.Shared.Next(1, 1 << 20);

    private static int Code(JsonElement body) => body.GetProperty("code").GetInt32();

    private static HttpClient Client(FakeDiscordServer server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl + "/") };
        http.DefaultRequestHeaders.Add("Authorization", $"Bot {server.Rest.Token}");
        http.DefaultRequestHeaders.Add("User-Agent", "DiscordBot (https://example.org, 1.0)");
        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A raw connection that has identified with <paramref name="intents"/> and received READY; it never heartbeats.</summary>
    private static async Task<ClientWebSocket> IdentifiedAsync(FakeDiscordServer server, int intents)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(server.GatewayUrl + "?v=10&encoding=json"), default);
        var identify = $"{{\"op\":2,\"d\":{{\"token\":\"{server.Gateway.Token}\",\"intents\":{intents},\"properties\":{{}}}}}}";
        await socket.SendAsync(Encoding.UTF8.GetBytes(identify), WebSocketMessageType.Text, true, default);
        await NextDispatchAsync(socket, "READY");
        return socket;
    }

    private static async Task<JsonElement> NextDispatchAsync(ClientWebSocket socket, string eventName)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var root = JsonDocument.Parse(message.ToArray()).RootElement;
            if (root.GetProperty("t").ValueKind == JsonValueKind.String && root.GetProperty("t").GetString() == eventName)
            {
                return root.GetProperty("d").Clone();
            }
        }
    }
}
