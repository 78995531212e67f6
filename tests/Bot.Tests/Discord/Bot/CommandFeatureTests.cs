using System.Text.Json;
using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.Rag.Index;
using PaperBot.TestSupport.Discord;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>Where commands show, private answers, /help, autocomplete and the presence.</summary>
public sealed class CommandFeatureTests
{
    private const int Ephemeral = 64;

    [Fact]
    public async Task Commands_show_in_guilds_and_the_bot_dm_and_ask_and_summarize_can_be_private()
    {
        await using var bot = await BotHarness.StartAsync();

        var commands = bot.Server.Rest.RequestsTo("global-commands")[0].Json.EnumerateArray().ToList();

        Assert.All(commands, c => Assert.Equal([0, 1], c.GetProperty("contexts").EnumerateArray().Select(e => e.GetInt32())));
        Assert.All(commands, c => Assert.Equal([0], c.GetProperty("integration_types").EnumerateArray().Select(e => e.GetInt32())));
        foreach (var name in new[] { "ask", "summarize" })
        {
            var option = Options(commands, name).Single(o => o.GetProperty("name").GetString() == "private");
            Assert.Equal(5, option.GetProperty("type").GetInt32());
        }

        Assert.All(commands.SelectMany(c => Options(commands, c.GetProperty("name").GetString()!)).Where(o => o.GetProperty("name").GetString() == "date"),
            o => Assert.True(o.GetProperty("autocomplete").GetBoolean()));
        Assert.True(Options(commands, "paper").Single().GetProperty("autocomplete").GetBoolean());
    }

    [Fact]
    public async Task A_private_ask_is_deferred_and_answered_only_for_the_user()
    {
        await using var bot = await BotHarness.StartAsync();

        var token = await bot.SlashAsync("ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?", ["private"] = true });
        await Eventually.TrueAsync(() => bot.FinalMessages(token).Any(m => m.TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0), TimeSpan.FromSeconds(20), "the answer");

        var deferral = Assert.Single(bot.ForToken("interaction-callback", token)).Json;
        Assert.Equal(5, deferral.GetProperty("type").GetInt32());
        Assert.Equal(Ephemeral, deferral.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(Ephemeral, bot.Server.Rest.Interactions.ByToken(token)!.Original!["flags"]!.GetValue<int>());
        Assert.Empty(bot.Server.Rest.MessageIdsIn(BotHarness.ChannelId));
    }

    [Fact]
    public async Task Help_answers_privately()
    {
        await using var bot = await BotHarness.StartAsync();

        var token = await bot.SlashAsync("help");
        var callback = (await bot.Server.Rest.WaitForRequestsAsync("interaction-callback"))[0].Json;

        Assert.Equal(4, callback.GetProperty("type").GetInt32());
        Assert.Equal(Ephemeral, callback.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(BotMessages.Help, callback.GetProperty("data").GetProperty("content").GetString());
        Assert.Single(bot.ForToken("interaction-callback", token));
    }

    [Fact]
    public async Task Dates_autocomplete_to_days_with_papers_newest_first_and_ids_to_matching_titles()
    {
        await using var bot = await BotHarness.StartAsync();
        var store = bot.Get<PaperStore>();
        var latest = store.LatestDay()!.Value;

        var dates = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.Autocomplete(dates, $"tok-{dates}", "papers", new Dictionary<string, object> { ["date"] = "" }, "date"));
        var titles = bot.NewId();
        var paper = store.PapersOfDay(latest)[0];
        var words = string.Join(' ', paper.Title.Split(' ').Take(3));
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.Autocomplete(titles, $"tok-{titles}", "paper", new Dictionary<string, object> { ["id"] = words }, "id"));
        await bot.Server.Rest.WaitForRequestsAsync("interaction-callback", 2);

        var days = Choices(bot, $"tok-{dates}").Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Equal(latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), days[0]);
        Assert.Equal(days.OrderDescending(StringComparer.Ordinal), days);
        Assert.InRange(days.Count, 1, 25);
        var papers = Choices(bot, $"tok-{titles}");
        Assert.Contains(papers, c => c.GetProperty("value").GetString() == paper.Id);
        Assert.All(papers, c => Assert.InRange(c.GetProperty("name").GetString()!.Length, 1, 100));
    }

    [Fact]
    public async Task The_presence_says_listening_to_ask_and_the_line_when_busy()
    {
        await using var bot = await BotHarness.StartAsync();

        var presence = Assert.Single(bot.Server.Gateway.FramesWithOp(2)).Data.GetProperty("presence");
        var activity = presence.GetProperty("activities")[0];

        Assert.Equal("/ask", activity.GetProperty("name").GetString());
        Assert.Equal(2, activity.GetProperty("type").GetInt32());
        Assert.Equal("/ask · 3 waiting", PresenceUpdater.Activity(3));
    }

    private static List<JsonElement> Options(List<JsonElement> commands, string name) =>
        commands.Single(c => c.GetProperty("name").GetString() == name) is var command && command.TryGetProperty("options", out var options)
            ? options.EnumerateArray().ToList()
            : [];

    private static List<JsonElement> Choices(BotHarness bot, string token)
    {
        var callback = Assert.Single(bot.ForToken("interaction-callback", token)).Json;
        Assert.Equal(8, callback.GetProperty("type").GetInt32());
        return callback.GetProperty("data").GetProperty("choices").EnumerateArray().ToList();
    }
}
