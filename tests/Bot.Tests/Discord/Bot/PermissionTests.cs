using System.Text.Json;
using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>The bot does only what Discord lets it: admin commands for Manage Server, no answers where it cannot send, embeds only with Embed Links.</summary>
public sealed class PermissionTests
{
    private const ulong BotRole = 410;
    private const int Ephemeral = 64;

    [Fact]
    public async Task Sync_is_shown_to_manage_server_members_and_runs_for_them_and_for_configured_admins()
    {
        await using var hf = await FakeHuggingFaceServer.StartAsync();
        var day = new DateOnly(2025, 10, 2);
        hf.AddDay(day, HfJson.DailyItems(day, 2));
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Papers:ApiBaseUrl"] = hf.BaseUrl.ToString() });

        var sync = bot.Server.Rest.RequestsTo("global-commands")[0].Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "sync");
        Assert.Equal((long)FakePayloads.ManageGuild, sync.GetProperty("default_member_permissions").GetInt64());

        var manager = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(
            manager, $"tok-{manager}", "sync", new Dictionary<string, object> { ["date"] = "2025-10-02" }, userId: 600,
            memberPermissions: FakePayloads.MemberPermissions | FakePayloads.ManageGuild));
        var member = await bot.SlashAsync("sync", new Dictionary<string, object> { ["date"] = "2025-10-02" }, userId: 601);
        await Eventually.TrueAsync(() => bot.ForToken("original-edit", $"tok-{manager}").Count > 0, TimeSpan.FromSeconds(20), "the sync");

        Assert.Contains("2 papers fetched", bot.FinalMessages($"tok-{manager}")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(BotMessages.AdminOnly, Assert.Single(bot.ForToken("interaction-callback", member)).Json.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Without_embed_links_the_sources_are_plain_text()
    {
        await using var bot = await BotHarness.StartAsync();
        var id = bot.NewId();

        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SlashCommand(
            id, $"tok-{id}", "ask", new Dictionary<string, object> { ["question"] = "How do diffusion models generate images?" },
            appPermissions: FakePayloads.MemberPermissions & ~FakePayloads.EmbedLinks));
        await Eventually.TrueAsync(() => bot.FinalMessages($"tok-{id}").Any(m => Content(m).Contains("Sources:", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the sources");

        Assert.All(bot.FinalMessages($"tok-{id}"), m => Assert.True(!m.TryGetProperty("embeds", out var e) || e.GetArrayLength() == 0));
    }

    [Fact]
    public async Task A_mention_where_the_overwrites_deny_sending_is_not_answered_and_an_allowing_overwrite_wins()
    {
        await using var bot = await BotHarness.StartAsync();
        // @everyone may not send in 300; in 301 the same denial is overridden for the bot's role.
        await bot.Server.Gateway.DispatchAsync("GUILD_CREATE", FakePayloads.GuildCreate(
            BotHarness.GuildId,
            [new FakeRole(BotHarness.GuildId, FakePayloads.MemberPermissions), new FakeRole(BotRole, 0)],
            [
                new FakeChannel(300, [new FakeOverwrite(BotHarness.GuildId, 0, FakePayloads.SendMessages)]),
                new FakeChannel(301, [new FakeOverwrite(BotHarness.GuildId, 0, FakePayloads.SendMessages), new FakeOverwrite(BotRole, FakePayloads.SendMessages, 0)]),
            ],
            [BotRole]));

        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> What is flow matching?", channelId: 300);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> What is flow matching?", channelId: 301, authorId: 501);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.Contains("may not send", StringComparison.Ordinal)), what: "the skip");
        await bot.Server.Rest.WaitForRequestsAsync("message-create", timeout: TimeSpan.FromSeconds(20));
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(300));

        Assert.All(bot.Server.Rest.Requests.Where(r => r.Path.StartsWith("channels/", StringComparison.Ordinal)), r => Assert.StartsWith("channels/301/", r.Path, StringComparison.Ordinal));
        Assert.Empty(bot.Server.Rest.InvalidRequests);
    }

    [Fact]
    public async Task A_channel_that_answers_403_is_left_alone_for_a_while()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Server.Rest.DenyChannel(302);

        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> What is flow matching?", channelId: 302);
        await Eventually.TrueAsync(() => bot.Server.Rest.Requests.Any(r => r.Status == 403 && r.RouteName == "message-create"), TimeSpan.FromSeconds(20), "the refusal");
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));
        var refusals = bot.Server.Rest.Requests.Count(r => r.Status == 403);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> And what is a diffusion model?", channelId: 302, authorId: 501);
        await bot.MessageAsync($"<@{FakePayloads.BotUserId}> And what is a diffusion model?", channelId: 303, authorId: 502);
        await bot.Server.Rest.WaitForRequestsAsync("message-create", 2, TimeSpan.FromSeconds(20));
        await bot.Server.Rest.WaitForQuietAsync(TimeSpan.FromMilliseconds(500));

        Assert.InRange(refusals, 1, 2);
        Assert.Equal(refusals, bot.Server.Rest.Requests.Count(r => r.Status == 403));
    }

    [Fact]
    public async Task An_error_after_a_public_deferral_deletes_the_public_message_and_tells_the_user_privately()
    {
        await using var hf = await FakeHuggingFaceServer.StartAsync();
        hf.Enqueue(FakeResponse.Json(200, "this is not JSON"));
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Papers:ApiBaseUrl"] = hf.BaseUrl.ToString() });

        var token = await bot.SlashAsync("sync", new Dictionary<string, object> { ["date"] = "2025-10-02" }, userId: BotHarness.AdminId);
        await bot.Server.Rest.WaitForRequestsAsync("followup", timeout: TimeSpan.FromSeconds(20));

        Assert.Equal(5, Assert.Single(bot.ForToken("interaction-callback", token)).Json.GetProperty("type").GetInt32());
        Assert.Single(bot.ForToken("original-delete", token));
        var notice = Assert.Single(bot.ForToken("followup", token)).Json;
        Assert.Equal(Ephemeral, notice.GetProperty("flags").GetInt32());
        Assert.Empty(bot.ForToken("original-edit", token));
        Assert.True(bot.Server.Rest.Interactions.ByToken(token)!.OriginalDeleted);
    }

    private static string Content(JsonElement message) => message.TryGetProperty("content", out var c) ? c.GetString() ?? "" : "";
}
