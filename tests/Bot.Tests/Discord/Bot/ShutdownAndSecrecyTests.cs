using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Chat;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.Bot;

public sealed class ShutdownAndSecrecyTests
{
    private static readonly Dictionary<string, object> Question = new() { ["question"] = "How do diffusion models generate images?" };

    [Fact]
    public async Task Stopping_during_an_answer_edits_in_a_notice_and_closes_the_gateway_with_1000()
    {
        var model = new ScriptedChatClient(_ => string.Join(' ', Enumerable.Repeat("denoising", 500))) { TokenDelay = TimeSpan.FromMilliseconds(50) };
        await using var bot = await BotHarness.StartAsync(model, new Dictionary<string, string?> { ["Llm:Parallel"] = "1" });
        var first = await bot.SlashAsync("ask", Question, userId: 1);
        var second = await bot.SlashAsync("ask", Question, userId: 2);

        // Both handlers race for the one worker; whichever won streams while the other waits in line.
        bool Streaming(string token) => bot.ForToken("original-edit", token).Any(r => r.Body.Contains("denoising", StringComparison.Ordinal));
        await Eventually.TrueAsync(
            () => (Streaming(first) || Streaming(second)) && bot.ForToken("original-edit", first).Count > 0 && bot.ForToken("original-edit", second).Count > 0,
            TimeSpan.FromSeconds(20), () => "one answer streaming while the other waits; " + Describe(bot));
        var (running, queued) = Streaming(first) ? (first, second) : (second, first);
        Assert.False(Streaming(queued));

        await bot.StopAsync();

        Assert.EndsWith("*" + BotMessages.ShuttingDown + "*", bot.FinalMessages(running)[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(BotMessages.ShuttingDown, bot.FinalMessages(queued)[0].GetProperty("content").GetString());
        await Eventually.TrueAsync(() => bot.Server.Gateway.Connections[0].ClientCloseCode is not null);
        Assert.Equal(1000, bot.Server.Gateway.Connections[0].ClientCloseCode);
    }

    private static string Describe(BotHarness bot) =>
        string.Join(" | ", bot.Server.Rest.Requests.Select(r => $"{r.At:HH:mm:ss.fff} {r.RouteName} {r.Path} {r.Body[..Math.Min(60, r.Body.Length)]}"));

    [Fact]
    public async Task The_token_appears_in_no_log_line_and_every_message_parses_no_mentions()
    {
        await using var bot = await BotHarness.StartAsync(new ScriptedChatClient(_ => "@everyone look at [1]") { FailAfter = 2 });
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
