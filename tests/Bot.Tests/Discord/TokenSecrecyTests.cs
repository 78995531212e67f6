using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord;

public sealed class TokenSecrecyTests
{
    [Fact]
    public async Task The_token_never_appears_in_logs_exceptions_or_ToString()
    {
        await using var bot = await DiscordHarness.CreateAsync();
        var token = bot.Options.Token;
        bot.Server.Gateway.HeartbeatIntervalMs = 100;
        bot.StartGateway();
        await bot.WaitForDispatchAsync(GatewayEvents.Ready);

        // A tour of the paths that log: zombie, resume, malformed frames, invalid session, REST errors and retries.
        bot.Server.Gateway.AckHeartbeats = false;
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections.Count >= 2, what: "a zombie reconnect");
        bot.Server.Gateway.AckHeartbeats = true;
        await bot.WaitForDispatchAsync(GatewayEvents.Resumed);
        await bot.Server.Gateway.SendRawAsync("{broken");
        await bot.Server.Gateway.SendOpAsync(9, false);
        await bot.WaitForDispatchAsync(GatewayEvents.Ready, 2);

        var exceptions = new List<Exception>();
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.Status(502));
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.BucketRateLimited(TimeSpan.FromMilliseconds(50)));
        await bot.Rest.CreateMessageAsync(300, new OutgoingMessage { Content = "hi" }, default);
        bot.Server.Rest.EnqueueFault("message-edit", new RestFault.Status(403, 50013));
        exceptions.Add(await Assert.ThrowsAsync<DiscordHttpException>(() => bot.Rest.EditMessageAsync(300, 1, new OutgoingMessage { Content = "x" }, default)));
        exceptions.Add(Assert.Throws<ArgumentException>(() => MessageLimits.Validate(new OutgoingMessage { Content = new string('x', 2001) }, true)));
        bot.Server.Rest.EnqueueFault("typing", new RestFault.Status(401));
        exceptions.Add(await Assert.ThrowsAsync<DiscordFatalException>(() => bot.Rest.TriggerTypingAsync(300, default)));

        await bot.Server.Gateway.CloseAsync(4004);
        exceptions.Add(await Assert.ThrowsAsync<DiscordFatalException>(() => bot.Run.WaitAsync(TimeSpan.FromSeconds(5))));

        Assert.NotEmpty(bot.Logs.Lines);
        Assert.All(bot.Logs.Lines, line => Assert.DoesNotContain(token, line.ToString(), StringComparison.Ordinal));
        Assert.All(exceptions, e => Assert.DoesNotContain(token, e.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(token, bot.Options.ToString(), StringComparison.Ordinal);
        Assert.Contains("Token = (set)", bot.Options.ToString(), StringComparison.Ordinal);
    }
}
