using System.Text.Json;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

public sealed class GatewayClientTests
{
    [Fact]
    public async Task Identifies_with_token_intents_and_properties_then_receives_READY()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);

        var connection = Assert.Single(bot.Server.Gateway.Connections);
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        var identify = Assert.Single(bot.Server.Gateway.FramesWithOp(2)).Data;
        Assert.Equal(bot.Options.Token, identify.GetProperty("token").GetString());
        Assert.Equal(1 | 512 | 1024 | 4096 | 8192 | 32768, identify.GetProperty("intents").GetInt32());
        Assert.Equal("paperbot", identify.GetProperty("properties").GetProperty("browser").GetString());
        Assert.True(identify.GetProperty("properties").TryGetProperty("os", out _));
        Assert.True(identify.GetProperty("properties").TryGetProperty("device", out _));
        Assert.False(identify.TryGetProperty("shard", out _));
        Assert.Equal("session-1", bot.Dispatches.Single(d => d.EventName == GatewayEvents.Ready).As<ReadyEvent>()!.SessionId);
        Assert.Equal(FakePayloads.BotUserId, bot.Gateway.CurrentUser!.Id);
        Assert.Empty(bot.Server.Gateway.Violations);
    }

    [Fact]
    public async Task Mentions_add_the_message_content_intent_and_shards_are_sent()
    {
        await using var bot = await DiscordHarness.CreateAsync(o =>
        {
            o.EnableMentions = true;
            o.ShardId = 1;
            o.ShardCount = 2;
        });
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);

        var identify = Assert.Single(bot.Server.Gateway.FramesWithOp(2)).Data;
        Assert.Equal(37377 | 1024 | 8192, identify.GetProperty("intents").GetInt32());
        Assert.Equal([1, 2], identify.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence_and_are_acknowledged()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Gateway.HeartbeatIntervalMs = 250;
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.InjectMessageCreateAsync(300, 1, 500, "hello");
        await Eventually.TrueAsync(() => bot.Server.Gateway.FramesWithOp(1).Count >= 4, what: "4 heartbeats");

        var last = bot.Server.Gateway.FramesWithOp(1)[^1].Data;
        Assert.Equal(2, last.GetInt32());
        Assert.Single(bot.Server.Gateway.Connections);
    }

    [Fact]
    public async Task A_heartbeat_request_is_answered_at_once()
    {
        var timings = new GatewayTimings
        {
            Random = () => 0.99,
            IdentifyWindow = TimeSpan.Zero,
        };
        await using var bot = await DiscordHarness.CreateAsync(timings: timings);
        bot.Server.Gateway.HeartbeatIntervalMs = 60_000;
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        Assert.Empty(bot.Server.Gateway.FramesWithOp(1));

        await bot.Server.Gateway.SendOpAsync(1);
        await Eventually.TrueAsync(() => bot.Server.Gateway.FramesWithOp(1).Count == 1, TimeSpan.FromSeconds(1), "an immediate heartbeat");
    }

    [Fact]
    public async Task A_zombie_connection_is_closed_with_4000_and_resumed_on_the_resume_url()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Gateway.HeartbeatIntervalMs = 100;
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.InjectMessageCreateAsync(300, 1, 500, "hello");
        bot.Server.Gateway.AckHeartbeats = false;
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections.Count >= 2, what: "a reconnect");
        bot.Server.Gateway.AckHeartbeats = true;
        await bot.WaitForDispatchAsync(GatewayEvents.Resumed);

        var connections = bot.Server.Gateway.Connections;
        Assert.Equal(4000, connections[0].ClientCloseCode);
        Assert.Equal("/resume", connections[1].Path);
        Assert.Equal("?v=10&encoding=json", connections[1].Query);
        var resume = Assert.Single(bot.Server.Gateway.FramesWithOp(6)).Data;
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        Assert.Equal(bot.Options.Token, resume.GetProperty("token").GetString());
        Assert.Single(bot.Server.Gateway.FramesWithOp(2));
    }

    [Fact]
    public async Task Reconnect_request_resumes_and_missed_events_replay()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.SendOpAsync(7);
        await bot.WaitForDispatchAsync(GatewayEvents.Resumed);

        Assert.Equal(4000, bot.Server.Gateway.Connections[0].ClientCloseCode);
        Assert.Single(bot.Server.Gateway.FramesWithOp(2));
        Assert.Single(bot.Server.Gateway.FramesWithOp(6));
    }

    [Fact]
    public async Task Invalid_session_that_may_resume_resumes()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.SendOpAsync(9, true);
        await bot.WaitForDispatchAsync(GatewayEvents.Resumed);

        Assert.Single(bot.Server.Gateway.FramesWithOp(2));
        Assert.Equal("/resume", bot.Server.Gateway.Connections[1].Path);
    }

    [Fact]
    public async Task Invalid_session_that_may_not_resume_identifies_a_new_session()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.SendOpAsync(9, false);
        await bot.WaitForDispatchAsync(GatewayEvents.Ready, 2);

        Assert.Equal(2, bot.Server.Gateway.FramesWithOp(2).Count);
        Assert.Empty(bot.Server.Gateway.FramesWithOp(6));
        Assert.Equal("/gateway", bot.Server.Gateway.Connections[1].Path);
        Assert.Equal("session-2", bot.Dispatches.Last(d => d.EventName == GatewayEvents.Ready).As<ReadyEvent>()!.SessionId);
    }

    [Fact]
    public async Task A_failed_resume_falls_back_to_identify()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        bot.Server.Gateway.ForgetSessions();
        await bot.Server.Gateway.SendOpAsync(7);
        await bot.WaitForDispatchAsync(GatewayEvents.Ready, 2);

        Assert.Single(bot.Server.Gateway.FramesWithOp(6));
        Assert.Equal(2, bot.Server.Gateway.FramesWithOp(2).Count);
    }

    [Theory]
    [InlineData(4004, "Discord:Token")]
    [InlineData(4010, "Discord:ShardId")]
    [InlineData(4011, "Discord:ShardCount")]
    [InlineData(4012, "Discord:GatewayUrl")]
    [InlineData(4013, "intent")]
    [InlineData(4014, "Discord:EnableMentions=false")]
    public async Task Fatal_close_codes_stop_with_one_clear_line(int code, string advice)
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.Server.Gateway.CloseOnNextIdentify = code;
        bot.StartGateway();

        var error = await Assert.ThrowsAsync<DiscordFatalException>(() => bot.Run.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(code, error.CloseCode);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        var critical = Assert.Single(bot.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        Assert.Contains(advice, critical.Message, StringComparison.Ordinal);
        // The run has ended, so nothing is left to connect again.
        Assert.Single(bot.Server.Gateway.Connections);
        await Assert.ThrowsAsync<DiscordFatalException>(async () => await bot.Gateway.Dispatches.Completion);
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task Session_ending_close_codes_identify_a_new_session(int code)
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.CloseAsync(code);
        await bot.WaitForDispatchAsync(GatewayEvents.Ready, 2);

        Assert.Empty(bot.Server.Gateway.FramesWithOp(6));
        Assert.Equal("/gateway", bot.Server.Gateway.Connections[1].Path);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4003)]
    [InlineData(4005)]
    [InlineData(4008)]
    [InlineData(1001)]
    public async Task Other_close_codes_reconnect_and_resume(int code)
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.CloseAsync(code);
        await bot.WaitForDispatchAsync(GatewayEvents.Resumed);

        Assert.Single(bot.Server.Gateway.FramesWithOp(2));
        Assert.Equal("/resume", bot.Server.Gateway.Connections[1].Path);
        Assert.Contains(bot.Logs.Lines, l => l.Message.StartsWith($"Discord closed the gateway connection: {code}", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.StartsWith("Gateway connection failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_and_unknown_payloads_are_logged_and_skipped()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.SendRawAsync("{not json");
        await bot.Server.Gateway.SendRawAsync("[1,2,3]");
        await bot.Server.Gateway.SendRawAsync("{\"op\":99,\"d\":null}");
        await bot.Server.Gateway.SendRawAsync("{\"op\":0,\"d\":{},\"s\":null,\"t\":null}");
        await bot.Server.Gateway.SendRawAsync("{\"op\":10,\"d\":{}}");
        await bot.Server.Gateway.InjectMessageCreateAsync(300, 7, 500, "still alive");
        await bot.WaitForDispatchAsync(GatewayEvents.MessageCreate);

        Assert.Single(bot.Server.Gateway.Connections);
        Assert.Equal(4, bot.Logs.Lines.Count(l => l.Message.StartsWith("Skipped a malformed", StringComparison.Ordinal)));
        Assert.Single(bot.Logs.Lines, l => l.Message.StartsWith("Skipped a gateway frame with unknown op 99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_READY_within_the_timeout_reconnects()
    {
        var timings = new GatewayTimings
        {
            ReadyTimeout = TimeSpan.FromMilliseconds(300),
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            IdentifyWindow = TimeSpan.FromMilliseconds(10),
        };
        await using var bot = await DiscordHarness.CreateAsync(timings: timings);
        bot.Server.Gateway.AnswerAuthentication = false;
        bot.StartGateway();
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections.Count >= 2, what: "a second connection");
        bot.Server.Gateway.AnswerAuthentication = true;
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);

        Assert.Equal(4000, bot.Server.Gateway.Connections[0].ClientCloseCode);
        Assert.Contains(bot.Logs.Lines, l => l.Message.StartsWith("No READY or RESUMED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_closes_with_1000_and_completes_the_dispatch_channel()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.StopAsync();

        await bot.Run.WaitAsync(TimeSpan.FromSeconds(1));
        await bot.Gateway.Dispatches.Completion.WaitAsync(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections[0].Ended, what: "the connection to end");
        Assert.Equal(1000, bot.Server.Gateway.Connections[0].ClientCloseCode);
    }

    [Fact]
    public async Task Messages_and_interactions_arrive_as_typed_dispatches()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.InjectMessageCreateAsync(300, 42, 500, "<@100> what is RLHF?", guildId: 400, mentions: [FakePayloads.BotUserId]);
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(
            77, "interaction-token", "ask", new Dictionary<string, object> { ["question"] = "what is DPO?", ["top"] = 3 }));
        await bot.WaitForDispatchAsync(GatewayEvents.InteractionCreate);

        var message = bot.Dispatches.Single(d => d.EventName == GatewayEvents.MessageCreate).As<DiscordMessage>()!;
        Assert.Equal(42UL, message.Id);
        Assert.Equal(300UL, message.ChannelId);
        Assert.Equal(400UL, message.GuildId);
        Assert.Equal(500UL, message.Author!.Id);
        Assert.Equal(FakePayloads.BotUserId, Assert.Single(message.Mentions).Id);

        var interaction = bot.Dispatches.Single(d => d.EventName == GatewayEvents.InteractionCreate).As<DiscordInteraction>()!;
        Assert.Equal(77UL, interaction.Id);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("interaction-token", interaction.Token);
        Assert.Equal("ask", interaction.Data!.Name);
        Assert.Equal(500UL, interaction.Invoker!.Id);
        Assert.Equal("what is DPO?", interaction.Data.Options[0].Value!.Value.GetString());
        Assert.Equal(3, interaction.Data.Options[1].Value!.Value.GetInt32());
        Assert.DoesNotContain("interaction-token", interaction.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_url_comes_from_gateway_bot_unless_overridden()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        Assert.Single(bot.Server.Rest.RequestsTo("gateway-bot"));

        await using var overridden = await DiscordHarness.CreateAsync(o => o.GatewayUrl = "ws://127.0.0.1:1/unused");
        overridden.Options.GatewayUrl = overridden.Server.GatewayUrl;
        overridden.StartGateway();
        await overridden.WaitForDispatchAsync(GatewayEvents.Ready);
        Assert.Empty(overridden.Server.Rest.RequestsTo("gateway-bot"));
        Assert.Equal(JsonValueKind.Object, overridden.Dispatches[0].Data.ValueKind);
    }

    [Fact]
    public async Task A_failing_gateway_bot_lookup_is_retried_with_backoff()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        for (var i = 0; i <= DiscordHarness.FastRestTimings.MaxRetries; i++)
        {
            bot.Server.Rest.EnqueueFault("gateway-bot", new RestFault.Status(500));
        }

        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);

        Assert.Equal(DiscordHarness.FastRestTimings.MaxRetries + 2, bot.Server.Rest.RequestsTo("gateway-bot").Count);
        Assert.Contains(bot.Logs.Lines, l => l.Message.StartsWith($"Cannot reach Discord at {bot.Options.ApiBaseUrl} (", StringComparison.Ordinal));
    }
}
