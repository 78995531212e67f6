using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.BotTestSupport;

namespace PaperBot.Bot.Tests.Discord;

public sealed class GatewayPartsTests
{
    [Fact]
    public void Backoff_doubles_to_the_cap_and_resets()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 0.5);

        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToList();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);

        backoff.Reset();
        Assert.Equal(1, backoff.Next().TotalSeconds);
    }

    [Fact]
    public void Backoff_jitter_stays_within_a_quarter()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60), () => 0);
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60), () => 0.999999);

        Assert.Equal(3, low.Next().TotalSeconds, 3);
        Assert.Equal(5, high.Next().TotalSeconds, 3);
    }

    [Fact]
    public async Task Reconnect_delays_grow_while_connections_fail_and_reset_after_a_good_connect()
    {
        var timings = new GatewayTimings
        {
            InitialBackoff = TimeSpan.FromMilliseconds(20),
            MaxBackoff = TimeSpan.FromMilliseconds(160),
            Random = () => 0.5,
            IdentifyWindow = TimeSpan.Zero,
            ReadyTimeout = TimeSpan.FromMilliseconds(100),
        };
        await using var bot = await DiscordHarness.CreateAsync(timings: timings);
        bot.Server.Gateway.AnswerAuthentication = false;
        bot.StartGateway();
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections.Count >= 5, what: "5 failed connections");
        bot.Server.Gateway.AnswerAuthentication = true;
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);
        await bot.Server.Gateway.CloseAsync(4000);
        await bot.WaitForDispatchAsync(GatewayEvents.Resumed);

        var delays = bot.Logs.Lines.Where(l => l.Message.StartsWith("Reconnecting in", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.StartsWith("Reconnecting in 00:00:00.0200000", delays[0], StringComparison.Ordinal);
        Assert.StartsWith("Reconnecting in 00:00:00.0400000", delays[1], StringComparison.Ordinal);
        Assert.StartsWith("Reconnecting in 00:00:00.0800000", delays[2], StringComparison.Ordinal);
        Assert.StartsWith("Reconnecting in 00:00:00.1600000", delays[3], StringComparison.Ordinal);
        Assert.StartsWith("Reconnecting in 00:00:00.0200000", delays[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_limiter_holds_normal_sends_at_115_but_lets_heartbeats_through()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < GatewaySendLimiter.NormalLimit; i++)
        {
            await limiter.WaitAsync(isHeartbeat: false, default);
        }

        var held = limiter.WaitAsync(isHeartbeat: false, default).AsTask();
        for (var i = GatewaySendLimiter.NormalLimit; i < GatewaySendLimiter.Limit; i++)
        {
            await limiter.WaitAsync(isHeartbeat: true, default).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
        }

        // Held until the first send leaves the 60 s window, and not a moment before.
        time.Advance(GatewaySendLimiter.Window - TimeSpan.FromMilliseconds(1));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Identify_gate_spaces_identifies_per_concurrency_bucket()
    {
        var time = new FakeTimeProvider();
        var gate = new IdentifyGate(time, new GatewayTimings { IdentifyWindow = TimeSpan.FromMilliseconds(300) });

        // Different buckets go at once: no time passes on the fake clock, so these complete without waiting.
        await gate.WaitAsync(shardId: 0, maxConcurrency: 2, default).WaitAsync(TimeSpan.FromSeconds(10));
        await gate.WaitAsync(shardId: 1, maxConcurrency: 2, default).WaitAsync(TimeSpan.FromSeconds(10));
        var sameBucket = gate.WaitAsync(shardId: 2, maxConcurrency: 2, default);
        time.Advance(TimeSpan.FromMilliseconds(299));
        var heldWithinTheWindow = !sameBucket.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await sameBucket.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(heldWithinTheWindow, "the same bucket waits out the window");
    }

    [Theory]
    [InlineData(4004, GatewayCloseAction.Fatal)]
    [InlineData(4014, GatewayCloseAction.Fatal)]
    [InlineData(4007, GatewayCloseAction.NewSession)]
    [InlineData(4009, GatewayCloseAction.NewSession)]
    [InlineData(4000, GatewayCloseAction.Resume)]
    [InlineData(1006, GatewayCloseAction.Resume)]
    [InlineData(null, GatewayCloseAction.Resume)]
    public void Close_codes_are_classified(int? code, GatewayCloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));

    [Fact]
    public void Intents_follow_the_mentions_setting()
    {
        Assert.Equal(1, (int)DiscordIntentsSelector.For(new DiscordOptions { EnableWatchReactions = false }));
        Assert.Equal(33281, (int)DiscordIntentsSelector.For(new DiscordOptions { EnableMentions = true, EnableWatchReactions = false }));
        Assert.Equal(4097, (int)DiscordIntentsSelector.For(new DiscordOptions { EnableDirectMessages = true, EnableWatchReactions = false }));
        Assert.Equal(37377, (int)DiscordIntentsSelector.For(new DiscordOptions { EnableMentions = true, EnableDirectMessages = true, EnableWatchReactions = false }));
        // By default the guild and DM reaction intents (1 << 10, 1 << 13) carry the 👍/👎 on watch alerts.
        Assert.Equal(1 | 1024 | 8192, (int)DiscordIntentsSelector.For(new DiscordOptions()));
    }
}
