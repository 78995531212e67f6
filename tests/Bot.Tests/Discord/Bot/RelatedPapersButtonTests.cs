using System.Text.Json;
using PaperBot.Bot.Tests.Discord.OpenApi;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// <c>/related</c> and the "Related papers" buttons under answers and digests, on the fake Discord over the sample
/// corpus: a click is a MESSAGE_COMPONENT interaction, acknowledged within 3 s like a command, answered privately.
/// Every request and answer is checked against Discord's OpenAPI description.
/// </summary>
public sealed class RelatedPapersButtonTests
{
    /// <summary>"Streaming Autoregressive Video Generation via Diagonal Distillation" (2026-03-11).</summary>
    private const string StreamingVideo = "2603.09488";

    [Fact]
    public async Task Related_lists_the_papers_on_the_topic_and_its_id_autocompletes()
    {
        await using var bot = await BotHarness.StartAsync();

        var token = await bot.SlashAsync("related", new Dictionary<string, object> { ["id"] = StreamingVideo });
        var titles = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.Autocomplete(titles, $"tok-{titles}", "related", new Dictionary<string, object> { ["id"] = "diagonal distillation" }, "id"));
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", token).Count > 0 && bot.ForToken("interaction-callback", $"tok-{titles}").Count > 0, TimeSpan.FromSeconds(20), "the list");

        Assert.Equal(5, Assert.Single(bot.ForToken("interaction-callback", token)).Json.GetProperty("type").GetInt32());
        var text = Content(bot.FinalMessages(token)[0]);
        Assert.StartsWith("**Related to Streaming Autoregressive Video Generation via Diagonal Distillation** (shared key words)\n1. HiAR: Efficient Autoregressive Long Video Generation", text, StringComparison.Ordinal);
        Assert.Equal(10, text.Split('\n').Count(l => l.StartsWith("> shares ", StringComparison.Ordinal)));
        var choices = bot.ForToken("interaction-callback", $"tok-{titles}")[0].Json.GetProperty("data").GetProperty("choices");
        Assert.Contains(choices.EnumerateArray(), c => c.GetProperty("value").GetString() == StreamingVideo);
        AssertFollowsTheDescription(bot);
    }

    [Fact]
    public async Task An_answers_sources_carry_related_buttons_and_a_click_answers_only_the_clicker()
    {
        await using var bot = await BotHarness.StartAsync();

        var ask = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?" });
        await Eventually.TrueAsync(() => bot.FinalMessages(ask).Any(m => m.TryGetProperty("components", out _)), TimeSpan.FromSeconds(20), "the answer's buttons");
        var last = bot.FinalMessages(ask)[^1];
        var buttons = last.GetProperty("components")[0].GetProperty("components").EnumerateArray().ToList();
        var sources = last.GetProperty("embeds")[0].GetProperty("description").GetString()!.Split('\n');
        var firstId = buttons[0].GetProperty("custom_id").GetString()!;
        var click = await bot.ClickAsync(ask, firstId, userId: 777);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", click).Count > 0, TimeSpan.FromSeconds(20), "the related papers");

        Assert.InRange(buttons.Count, 1, 5);
        Assert.Equal(1, last.GetProperty("components")[0].GetProperty("type").GetInt32());
        Assert.All(buttons, b => Assert.Equal(2, b.GetProperty("type").GetInt32()));
        Assert.All(buttons, b => Assert.StartsWith("related:", b.GetProperty("custom_id").GetString(), StringComparison.Ordinal));
        Assert.StartsWith(buttons.Count == 1 ? "Related papers" : "Related papers [1]", buttons[0].GetProperty("label").GetString(), StringComparison.Ordinal);
        var callback = Assert.Single(bot.ForToken("interaction-callback", click)).Json;
        Assert.Equal(5, callback.GetProperty("type").GetInt32());
        Assert.Equal(64, callback.GetProperty("data").GetProperty("flags").GetInt32());
        var firstTitle = sources[0][(sources[0].IndexOf("] ", StringComparison.Ordinal) + 2)..sources[0].IndexOf(" — ", StringComparison.Ordinal)];
        Assert.StartsWith($"**Related to {firstTitle}**", Content(bot.FinalMessages(click)[0]), StringComparison.Ordinal);
        Assert.Equal(64, bot.Server.Rest.Interactions.ByToken(click)!.Original!["flags"]!.GetValue<int>() & 64);
        AssertFollowsTheDescription(bot);
    }

    [Fact]
    public async Task A_digest_carries_related_buttons_for_its_cited_papers()
    {
        await using var bot = await BotHarness.StartAsync();

        var digest = await bot.SlashAsync("summarize", new Dictionary<string, object> { ["date"] = "2026-03-11" });
        await Eventually.TrueAsync(() => bot.FinalMessages(digest).Any(m => m.TryGetProperty("components", out _)), TimeSpan.FromSeconds(20), "the digest's buttons");
        var buttons = bot.FinalMessages(digest)[^1].GetProperty("components")[0].GetProperty("components").EnumerateArray().ToList();
        var click = await bot.ClickAsync(digest, buttons[^1].GetProperty("custom_id").GetString()!);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", click).Count > 0, TimeSpan.FromSeconds(20), "the related papers");

        Assert.Equal(5, buttons.Count);
        Assert.Equal(["Related papers [1]", "Related papers [2]", "Related papers [3]", "Related papers [4]", "Related papers [5]"], buttons.Select(b => b.GetProperty("label").GetString()));
        Assert.StartsWith("**Related to ", Content(bot.FinalMessages(click)[0]), StringComparison.Ordinal);
        AssertFollowsTheDescription(bot);
    }

    [Fact]
    public async Task A_click_on_a_paper_no_longer_in_the_index_says_so_and_unknown_buttons_are_ignored()
    {
        await using var bot = await BotHarness.StartAsync();
        var ask = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?" });
        await Eventually.TrueAsync(() => bot.FinalMessages(ask).Any(m => m.TryGetProperty("components", out _)), TimeSpan.FromSeconds(20), "the answer's buttons");
        var answered = bot.Server.Rest.Interactions.ByToken(ask)!;
        var message = answered.Followups.Count > 0 ? answered.Followups[^1] : answered.Original!;

        var gone = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.ButtonClick(gone, $"tok-{gone}", "related:2699.99999", message));
        var unknown = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.ButtonClick(unknown, $"tok-{unknown}", "vote:up", message));
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", $"tok-{gone}").Count > 0, TimeSpan.FromSeconds(20), "the answer to the click");

        Assert.Equal("No paper with id `2699.99999` in the index.", Content(bot.FinalMessages($"tok-{gone}")[0]));
        // The handler logs and drops a component it does not know; Discord then tells the clicker the interaction failed.
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.Contains("type MessageComponent", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the ignored click");
        Assert.Empty(bot.ForToken("interaction-callback", $"tok-{unknown}"));
    }

    private static void AssertFollowsTheDescription(BotHarness bot)
    {
        var problems = bot.Server.Rest.Requests.SelectMany(r => DiscordOpenApi.CheckRequest(r.RouteName, r.Body)
            .Concat(r.Status is >= 200 and < 300 ? DiscordOpenApi.CheckResponse(r.RouteName, r.Status, r.ResponseBody) : [])).ToList();
        Assert.Empty(problems);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    private static string Content(JsonElement message) => message.GetProperty("content").GetString() ?? "";
}
