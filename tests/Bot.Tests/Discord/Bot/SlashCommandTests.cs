using System.Text.Json;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.BotTestSupport;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Index;
using PaperBot.TestSupport.Chat;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

public sealed class SlashCommandTests
{
    private static readonly Dictionary<string, object> DiffusionQuestion = new() { ["question"] = "How do diffusion models generate images?" };

    [Fact]
    public async Task Commands_are_registered_in_each_configured_guild()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:GuildIds:0"] = "401", ["Discord:GuildIds:1"] = "402" });

        var puts = await bot.Server.Rest.WaitForRequestsAsync("guild-commands", 2);

        Assert.Equal(["applications/200/guilds/401/commands", "applications/200/guilds/402/commands"], puts.Select(p => p.Path).Order());
        Assert.Empty(bot.Server.Rest.RequestsTo("global-commands"));
        var names = puts[0].Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ask", "summarize", "search", "paper", "related", "papers", "trending", "sync", "help", "watch", "config"], names);
    }

    [Fact]
    public async Task Ask_is_deferred_then_answered_with_a_sources_embed()
    {
        await using var bot = await BotHarness.StartAsync();

        var token = await bot.SlashAsync("ask", DiffusionQuestion);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", token).Count > 0
            && bot.FinalMessages(token)[^1].TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0, TimeSpan.FromSeconds(20), "the answer");

        var callback = Assert.Single(bot.ForToken("interaction-callback", token));
        Assert.Equal(5, callback.Json.GetProperty("type").GetInt32());
        var final = bot.FinalMessages(token);
        Assert.False(string.IsNullOrWhiteSpace(final[0].GetProperty("content").GetString()));
        var embed = final[^1].GetProperty("embeds")[0];
        Assert.Equal("Sources", embed.GetProperty("title").GetString());
        Assert.Matches(@"^\[\d+\] .+ — (\d{4}-\d{2}-\d{2}|undated)", embed.GetProperty("description").GetString());
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task A_misspelled_question_is_answered_with_a_subtext_line_saying_how_it_was_read()
    {
        await using var bot = await BotHarness.StartAsync();

        var token = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion modles generate images?" });
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", token).Count > 0
            && bot.FinalMessages(token)[^1].TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0, TimeSpan.FromSeconds(20), "the answer");

        var content = string.Concat(bot.FinalMessages(token).Select(m => m.GetProperty("content").GetString()));
        Assert.Contains("\n-# Read \"modles\" as \"models\".", content, StringComparison.Ordinal);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task Plain_text_mode_sends_the_sources_as_text()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:PlainText"] = "true" });

        var token = await bot.SlashAsync("ask", DiffusionQuestion);
        await Eventually.TrueAsync(() => bot.FinalMessages(token).Any(m => m.GetProperty("content").GetString()!.Contains("Sources:", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));

        Assert.All(bot.FinalMessages(token), m => Assert.Equal(0, m.GetProperty("embeds").GetArrayLength()));
    }

    [Fact]
    public async Task Search_paper_papers_trending_and_summarize_answer_from_the_index()
    {
        await using var bot = await BotHarness.StartAsync();
        var store = bot.Get<PaperStore>();
        var day = store.LatestDay()!.Value;
        var paper = store.PapersOfDay(day)[0];

        var search = await bot.SlashAsync("search", new Dictionary<string, object> { ["query"] = "diffusion" });
        var misspelled = await bot.SlashAsync("search", new Dictionary<string, object> { ["query"] = "difusion" }, userId: 507);
        var show = await bot.SlashAsync("paper", new Dictionary<string, object> { ["id"] = paper.Id }, userId: 501);
        var list = await bot.SlashAsync("papers", userId: 502);
        var digest = await bot.SlashAsync("summarize", userId: 503);
        var trending = await bot.SlashAsync("trending", new Dictionary<string, object> { ["period"] = "month" }, userId: 504);
        var emptyDay = day.AddDays(1);
        var empty = await bot.SlashAsync("papers", new Dictionary<string, object> { ["date"] = $"{emptyDay:yyyy-MM-dd}" }, userId: 506);
        foreach (var token in new[] { search, misspelled, show, list, digest, trending, empty })
        {
            await Eventually.TrueAsync(() => bot.ForToken("original-edit", token).Count > 0, TimeSpan.FromSeconds(20), token);
            Assert.Equal(5, Assert.Single(bot.ForToken("interaction-callback", token)).Json.GetProperty("type").GetInt32());
        }

        Assert.Contains("Papers matching \"diffusion\"", Content(bot.FinalMessages(search)[0]), StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", Content(bot.FinalMessages(search)[0]), StringComparison.Ordinal);
        Assert.EndsWith("\n-# Did you mean \"diffusion\"?", Content(bot.FinalMessages(misspelled)[^1]), StringComparison.Ordinal);
        Assert.Contains(paper.Title, Content(bot.FinalMessages(show)[0]), StringComparison.Ordinal);
        Assert.Contains($"papers on {day:yyyy-MM-dd}", Content(bot.FinalMessages(list)[0]), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Content(bot.FinalMessages(digest)[0])));
        var top = store.MostUpvoted(day.AddDays(-29), day, 1).Papers[0].Paper;
        Assert.StartsWith($"**Trending {day.AddDays(-29):yyyy-MM-dd} to {day:yyyy-MM-dd}: the 10 most upvoted papers of ", Content(bot.FinalMessages(trending)[0]), StringComparison.Ordinal);
        Assert.Contains(top.Title, Content(bot.FinalMessages(trending)[0]), StringComparison.Ordinal);
        // The same rule as `papers` and the chat's /papers: an empty day names the nearest days that have papers.
        var nearest = string.Join(", ", store.NearestDays(emptyDay, DayListing.NearestDaysShown).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal($"No papers on {emptyDay:yyyy-MM-dd}. Nearest days with papers: {nearest}.", Content(bot.FinalMessages(empty)[0]));
        var monthDigest = await bot.SlashAsync("summarize", new Dictionary<string, object> { ["period"] = "month", ["date"] = "2026-03-11" }, userId: 505);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", monthDigest).Count > 0, TimeSpan.FromSeconds(20), monthDigest);
        Assert.StartsWith("Extractive digest (no model) of 2026-03 (2026-03-01 to 2026-03-31): ", Content(bot.FinalMessages(monthDigest)[0]), StringComparison.Ordinal);
        Assert.All(bot.Server.Rest.Requests.Where(r => r.RouteName is "original-edit" or "followup"), r => Assert.True(Content(r.Json).Length <= 2000));
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    [Trait(TestSpeed.Trait, TestSpeed.Slow)]
    public async Task A_slow_model_is_still_deferred_within_three_seconds()
    {
        var model = new ScriptedChatClient(_ => "Diffusion models denoise step by step [1].") { TokenDelay = TimeSpan.FromSeconds(1) };
        await using var bot = await BotHarness.StartAsync(model);
        var id = bot.NewId();

        var token = await bot.SlashAsync("ask", DiffusionQuestion, interactionId: id);
        var callback = (await bot.Server.Rest.WaitForRequestsAsync("interaction-callback"))[0];

        Assert.True(callback.At - Snowflake.CreatedAt(id) < TimeSpan.FromSeconds(3), $"deferred after {callback.At - Snowflake.CreatedAt(id)}");
        Assert.Empty(bot.ForToken("original-edit", token));
        await Eventually.TrueAsync(() => bot.FinalMessages(token).Any(m => Content(m).Contains("step by step", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        // Streaming edits came no more often than the 250 ms interval, and the text grew with them.
        var edits = bot.ForToken("original-edit", token);
        Assert.True(edits.Count >= 2, $"{edits.Count} edits");
    }

    [Fact]
    public async Task An_answer_that_would_outlive_the_interaction_token_is_cut_short_with_a_notice()
    {
        var model = new ScriptedChatClient(_ => string.Join(' ', Enumerable.Repeat("denoising", 400))) { TokenDelay = TimeSpan.FromMilliseconds(20) };
        await using var bot = await BotHarness.StartAsync(model);
        // Created 14 minutes minus 2 seconds ago: generation must stop in about 2 s. That compresses the token's
        // 15 minutes into seconds, so the fake accepts this one late acknowledgement.
        bot.Server.Rest.Interactions.CallbackDeadline = TimeSpan.FromMinutes(15);
        var id = Snowflake.FromTime(DateTimeOffset.UtcNow - InteractionHandler.AnswerDeadline + TimeSpan.FromSeconds(2));

        var token = await bot.SlashAsync("ask", DiffusionQuestion, interactionId: id);
        await Eventually.TrueAsync(
            () => bot.FinalMessages(token).Any(m => Content(m).EndsWith("*" + BotMessages.DeadlineReached + "*", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));

        Assert.Contains("denoising", Content(bot.FinalMessages(token)[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_answer_continues_in_follow_ups_of_at_most_2000_characters()
    {
        var sentence = "Diffusion models learn to reverse a noising process, and this sentence cites its source [1]. ";
        var longAnswer = string.Concat(Enumerable.Repeat(sentence, 10_000 / sentence.Length + 1))[..10_000];
        await using var bot = await BotHarness.StartAsync(new ScriptedChatClient(_ => longAnswer));

        var token = await bot.SlashAsync("ask", DiffusionQuestion);
        await Eventually.TrueAsync(() => bot.ForToken("followup", token).Count >= 4, TimeSpan.FromSeconds(30), "follow-ups");
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(300));

        var messages = bot.FinalMessages(token).Select(Content).ToList();
        Assert.True(messages.Count >= 5, $"{messages.Count} messages");
        Assert.All(messages, m => Assert.InRange(m.Length, 1, 2000));
        // Split at sentence ends: every message but the last ends a sentence (after its citation, or the hedge of an
        // answer from the closest papers).
        Assert.All(messages.SkipLast(1), m => Assert.True(m.EndsWith("[1].", StringComparison.Ordinal) || m.EndsWith(Answerer.ClosestModelHedge, StringComparison.Ordinal), m[^80..]));
        Assert.True(messages.Sum(m => m.Length) >= 9_000);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task Sync_is_refused_to_non_admins_and_fetches_for_admins()
    {
        await using var hf = await FakeHuggingFaceServer.StartAsync();
        var day = new DateOnly(2025, 10, 2);
        hf.AddDay(day, HfJson.DailyItems(day, 3));
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Papers:ApiBaseUrl"] = hf.BaseUrl.ToString() });

        var refused = await bot.SlashAsync("sync", new Dictionary<string, object> { ["date"] = "2025-10-02" }, userId: 500);
        var allowed = await bot.SlashAsync("sync", new Dictionary<string, object> { ["date"] = "2025-10-02" }, userId: BotHarness.AdminId);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", allowed).Count > 0, TimeSpan.FromSeconds(20));
        await bot.Server.Rest.WaitForRequestsAsync("interaction-callback", 2);

        var refusal = Assert.Single(bot.ForToken("interaction-callback", refused)).Json;
        Assert.Equal(4, refusal.GetProperty("type").GetInt32());
        Assert.Equal(MessageFlagsEphemeral, refusal.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(BotMessages.AdminOnly, refusal.GetProperty("data").GetProperty("content").GetString());
        Assert.Contains("3 papers fetched, 3 new", Content(bot.FinalMessages(allowed)[0]), StringComparison.Ordinal);
        Assert.All(Enumerable.Range(1, 3), i => Assert.NotNull(bot.Get<PaperStore>().Get(HfJson.ArxivId(day, i))));
    }

    [Fact]
    public async Task Malformed_and_unknown_interactions_do_not_crash_the_bot()
    {
        await using var bot = await BotHarness.StartAsync();

        var unknown = await bot.SlashAsync("dance");
        var badDate = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "anything", ["date"] = "yesterday" }, userId: 501);
        var noQuestion = await bot.SlashAsync("ask", userId: 502);
        await bot.Server.Gateway.DispatchAsync("INTERACTION_CREATE", new { id = "1", type = 2, token = "tok-broken", data = new { name = "ask", options = "not a list" } });
        await bot.Server.Gateway.DispatchAsync("INTERACTION_CREATE", new { id = "2", type = 3, token = "tok-component" });
        await bot.Server.Gateway.DispatchAsync("MESSAGE_CREATE", "not an object");
        await bot.Server.Rest.WaitForRequestsAsync("interaction-callback", 3);
        var after = await bot.SlashAsync("ask", DiffusionQuestion, userId: 503);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", after).Count > 0, TimeSpan.FromSeconds(20), "an answer after the odd ones");

        Assert.Equal(BotMessages.UnknownCommand, Private(bot, unknown));
        Assert.Contains("date", Private(bot, badDate), StringComparison.Ordinal);
        Assert.Equal(BotMessages.EmptyQuestion, Private(bot, noQuestion));
        Assert.Empty(bot.ForToken("interaction-callback", "tok-component"));
        Assert.Single(bot.Server.Gateway.Connections);
    }

    [Fact]
    public async Task A_disallowed_channel_gets_a_private_refusal()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Discord:AllowedChannelIds:0"] = "301" });

        var token = await bot.SlashAsync("ask", DiffusionQuestion);
        await bot.Server.Rest.WaitForRequestsAsync("interaction-callback");

        Assert.Equal(BotMessages.NotAvailable, Private(bot, token));
    }

    private const int MessageFlagsEphemeral = 64;

    private static string Content(JsonElement message) => message.GetProperty("content").GetString() ?? "";

    private static string Private(BotHarness bot, string token)
    {
        var json = Assert.Single(bot.ForToken("interaction-callback", token)).Json;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal(MessageFlagsEphemeral, json.GetProperty("data").GetProperty("flags").GetInt32());
        return json.GetProperty("data").GetProperty("content").GetString()!;
    }
}
