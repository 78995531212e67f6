using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Chat;

namespace PaperBot.Bot.Tests.Discord.Bot;

public sealed class QueueTests
{
    private static readonly Dictionary<string, object> Question = new() { ["question"] = "How do diffusion models generate images?" };

    [Fact]
    public async Task Twenty_users_at_once_are_each_answered_exactly_once_and_see_their_positions()
    {
        var model = new ScriptedChatClient(_ => "Diffusion models denoise images step by step [1].") { TokenDelay = TimeSpan.FromMilliseconds(30) };
        await using var bot = await BotHarness.StartAsync(model, new Dictionary<string, string?> { ["Discord:QueueCapacity"] = "32" });

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => bot.SlashAsync("ask", Question, userId: 1000 + (ulong)i)));
        await Eventually.TrueAsync(
            () => tokens.All(t => bot.FinalMessages(t).Any(HasEmbed)), TimeSpan.FromSeconds(60), "20 answers");
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));

        Assert.All(tokens, t => Assert.Single(bot.ForToken("interaction-callback", t)));
        Assert.All(tokens, t => Assert.Contains("step by step", bot.FinalMessages(t)[0].GetProperty("content").GetString(), StringComparison.Ordinal));
        Assert.All(tokens, t => Assert.Empty(bot.ForToken("followup", t)));
        Assert.Equal(20, model.Prompts.Count);
        var positions = bot.Server.Rest.RequestsTo("original-edit").Select(r => r.Json.GetProperty("content").GetString()!)
            .Where(c => c.StartsWith("Queued at position", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(positions);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task Cooldown_one_pending_request_per_user_and_a_full_queue_are_refused_privately()
    {
        var model = new ScriptedChatClient(_ => "A slow answer about diffusion [1].") { TokenDelay = TimeSpan.FromMilliseconds(400) };
        await using var bot = await BotHarness.StartAsync(model, new Dictionary<string, string?>
        {
            ["Discord:CooldownSeconds"] = "60", ["Discord:QueueCapacity"] = "1", ["Llm:Parallel"] = "1",
        });

        var first = await bot.SlashAsync("ask", Question, userId: 1);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", first).Count > 0, TimeSpan.FromSeconds(20), "the first answer streaming");
        var again = await bot.SlashAsync("ask", Question, userId: 1);
        var waiting = await bot.SlashAsync("ask", Question, userId: 2);
        await bot.Server.Rest.WaitForRequestsAsync("interaction-callback", 3);
        var full = await bot.SlashAsync("ask", Question, userId: 3);
        var admin = await bot.SlashAsync("ask", Question, userId: BotHarness.AdminId);
        await bot.Server.Rest.WaitForRequestsAsync("interaction-callback", 5);

        Assert.Equal("Your previous question is still being answered; please wait for it first.", Private(bot, again));
        Assert.Equal(5, Assert.Single(bot.ForToken("interaction-callback", waiting)).Json.GetProperty("type").GetInt32());
        Assert.StartsWith("PaperBot is busy; try again in", Private(bot, full), StringComparison.Ordinal);
        Assert.StartsWith("PaperBot is busy", Private(bot, admin), StringComparison.Ordinal);

        var queue = bot.Get<PaperBot.Bot.Discord.Bot.RequestQueue>();
        await Eventually.TrueAsync(() => bot.FinalMessages(first).Any(HasEmbed) && queue.Running + queue.Waiting == 0, TimeSpan.FromSeconds(30), "both answers");
        var cooling = await bot.SlashAsync("ask", Question, userId: 1);
        await Eventually.TrueAsync(() => bot.ForToken("interaction-callback", cooling).Count > 0);
        Assert.StartsWith("Please wait", Private(bot, cooling), StringComparison.Ordinal);
    }

    private static bool HasEmbed(System.Text.Json.JsonElement message) =>
        message.TryGetProperty("embeds", out var embeds) && embeds.GetArrayLength() > 0;

    private static string Private(BotHarness bot, string token)
    {
        var json = Assert.Single(bot.ForToken("interaction-callback", token)).Json;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        return json.GetProperty("data").GetProperty("content").GetString()!;
    }
}
