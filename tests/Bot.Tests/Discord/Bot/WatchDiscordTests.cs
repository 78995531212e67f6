using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Tests.Discord.OpenApi;
using PaperBot.BotTestSupport;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Watches;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// Watches on the fake Discord: /watch, the alerts after the bot's daily sync (by DM and in a channel), 👍/👎
/// feedback, and exactly-once delivery across a restart between decide and send and with lost responses. Every
/// request is checked against Discord's OpenAPI description and the fake's protocol rules.
/// </summary>
public sealed class WatchDiscordTests : IAsyncLifetime
{
    private const ulong Owner = 501;
    private static readonly DateOnly NewDay = new(2025, 9, 30);
    private FakeHuggingFaceServer _hf = null!;

    public async Task InitializeAsync()
    {
        _hf = await FakeHuggingFaceServer.StartAsync();
        _hf.AddDay(NewDay, [.. JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive("2025-09-30.json"))).RootElement.EnumerateArray().Select(i => i.GetRawText())]);
    }

    public async Task DisposeAsync() => await _hf.DisposeAsync();

    [Fact]
    public async Task Slash_watch_adds_lists_shows_mutes_and_removes_and_only_channel_managers_change_a_channels_watches()
    {
        await using var bot = await BotHarness.StartAsync();

        var mine = Content(await bot.CallbackAsync(await bot.WatchAsync("add", new Dictionary<string, object> { ["topic"] = "long video generation", ["exclude"] = "robot, driving" }, Owner)));
        var refused = Content(await bot.CallbackAsync(await bot.WatchAsync("add", new Dictionary<string, object> { ["topic"] = "diffusion language models", ["where"] = "channel" }, Owner)));
        var channel = Content(await bot.CallbackAsync(await bot.WatchAsync("add", new Dictionary<string, object> { ["topic"] = "diffusion language models", ["where"] = "channel" },
            502, memberPermissions: FakePayloads.MemberPermissions | FakePayloads.ManageChannels)));
        var id = bot.Get<WatchStore>().List(WatchOwner.User(Owner)).Single().Id;
        var channelId = bot.Get<WatchStore>().List(WatchOwner.Channel(BotHarness.ChannelId, BotHarness.GuildId)).Single().Id;
        var list = Content(await bot.CallbackAsync(await bot.WatchAsync("list", userId: Owner)));
        var suggested = (await bot.CallbackAsync(await bot.WatchAsync("show", new Dictionary<string, object> { ["id"] = "video" }, Owner, focused: "id")))
            .GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
        var show = Content(await bot.CallbackAsync(await bot.WatchAsync("show", new Dictionary<string, object> { ["id"] = id }, Owner)));
        var removeByMember = Content(await bot.CallbackAsync(await bot.WatchAsync("remove", new Dictionary<string, object> { ["id"] = channelId }, Owner)));
        var othersWatch = Content(await bot.CallbackAsync(await bot.WatchAsync("remove", new Dictionary<string, object> { ["id"] = id }, 503)));
        var mute = Content(await bot.CallbackAsync(await bot.WatchAsync("mute", new Dictionary<string, object> { ["id"] = id }, Owner)));
        var muted = bot.Get<WatchStore>().Get(id)!.Muted;
        var remove = Content(await bot.CallbackAsync(await bot.WatchAsync("remove", new Dictionary<string, object> { ["id"] = id }, Owner)));

        Assert.StartsWith($"Watching `{id}`: long video generation.", mine, StringComparison.Ordinal);
        Assert.Equal(WatchInteractions.NeedsManageChannels, refused);
        Assert.Contains("come to this channel", channel, StringComparison.Ordinal);
        Assert.Contains($"`{id}` long video generation → your DMs", list, StringComparison.Ordinal);
        Assert.Contains($"`{channelId}` diffusion language models → <#{BotHarness.ChannelId}>", list, StringComparison.Ordinal);
        Assert.Equal([id], suggested);
        Assert.Contains("Rules: not: robot, driving", show, StringComparison.Ordinal);
        Assert.Contains("Looks for: ", show, StringComparison.Ordinal);
        Assert.Contains("video (", show, StringComparison.Ordinal);
        Assert.Equal(WatchInteractions.NeedsManageChannels, removeByMember);
        Assert.StartsWith($"No watch `{id}`", othersWatch, StringComparison.Ordinal);
        Assert.StartsWith($"Muted watch `{id}`", mute, StringComparison.Ordinal);
        Assert.True(muted);
        Assert.StartsWith($"Removed watch `{id}`", remove, StringComparison.Ordinal);
        Assert.Null(bot.Get<WatchStore>().Get(id));
        AssertConforms(bot);
    }

    [Fact]
    public async Task After_the_daily_sync_each_watch_gets_one_message_of_its_new_papers_and_a_thumbs_up_tunes_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 30, 5, 59, 0, TimeSpan.Zero));
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Papers:ApiBaseUrl"] = _hf.BaseUrl.ToString(),
            ["Papers:SyncHourUtc"] = "6",
            ["Papers:MaxRetries"] = "0",
        }, time: clock);
        var user = Add(bot, "long video generation", WatchOwner.User(Owner), clock);
        var channel = Add(bot, "diffusion language models", WatchOwner.Channel(BotHarness.ChannelId, BotHarness.GuildId), clock);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.StartsWith("Daily sync at 6:00 UTC", StringComparison.Ordinal)), what: "the run to be scheduled");

        clock.Advance(TimeSpan.FromMinutes(1));
        var dm = FakeRestApi.DmChannelOf(Owner);
        await Eventually.TrueAsync(() => bot.Server.Rest.MessageIdsIn(dm).Count > 0 && bot.Server.Rest.MessageIdsIn(BotHarness.ChannelId).Count > 0,
            TimeSpan.FromSeconds(30), "both alerts");

        var dmText = Text(bot, dm);
        Assert.Single(bot.Server.Rest.MessageIdsIn(dm));
        Assert.Contains($"for watch `{user.Id}` — long video generation", dmText, StringComparison.Ordinal);
        Assert.Contains("(<https://huggingface.co/papers/2509.25161>)", dmText, StringComparison.Ordinal); // Rolling Forcing, linked
        Assert.Contains("_(mentions ", dmText, StringComparison.Ordinal);
        Assert.DoesNotContain("2509.25149", dmText, StringComparison.Ordinal); // Pretraining LLMs with NVFP4
        var channelText = Text(bot, BotHarness.ChannelId);
        Assert.Contains($"for watch `{channel.Id}`", channelText, StringComparison.Ordinal);
        Assert.Contains("https://huggingface.co/papers/2509.24014", channelText, StringComparison.Ordinal); // SparseD: diffusion language models
        // Recorded once Discord's answer is read, which can be a moment after the fake stored the message.
        await Eventually.TrueAsync(() => bot.Get<WatchLedger>().Pending().Count == 0, what: "the parts recorded as delivered");

        // A stranger's 👍 on someone's DM alert counts for nothing; the owner's tunes the watch.
        var alertMessage = bot.Server.Rest.MessageIdsIn(dm)[0];
        Assert.True(await bot.Server.Gateway.DispatchAsync("MESSAGE_REACTION_ADD", FakePayloads.ReactionAdd(503, dm, alertMessage, DiscordWatchText.Like)) > 0);
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.Message.Contains("other than the watch's owner", StringComparison.Ordinal)), what: "the stranger's reaction ignored");
        Assert.Null(bot.Get<WatchStore>().Get(user.Id)!.Tuned);
        await bot.Server.Gateway.DispatchAsync("MESSAGE_REACTION_ADD", FakePayloads.ReactionAdd(Owner, dm, alertMessage, DiscordWatchText.Like));
        await Eventually.TrueAsync(() => bot.Get<WatchStore>().Get(user.Id)!.Tuned is not null, what: "the watch tuned");
        // The liked papers' own words joined the topic's.
        Assert.Contains(bot.Get<WatchStore>().Get(user.Id)!.Tuned!.Keys, k => k is not ("long" or "video" or "generation"));
        AssertConforms(bot);
    }

    [Fact]
    public async Task A_restart_between_decide_and_send_delivers_every_part_once()
    {
        var bot = await BotHarness.StartAsync();
        var watch = Add(bot, "long video generation", WatchOwner.User(Owner), TimeProvider.System);
        bot.Get<Ingestor>().IngestFiles([TestPaths.HfArchive("2025-09-30.json")], null);
        var decided = Assert.Single(await bot.Get<WatchRun>().DecideAsync([NewDay], CancellationToken.None));
        var parts = DiscordWatchText.Parts(decided).Count;

        bot = await bot.RestartAsync();
        await using (bot)
        {
            var dm = FakeRestApi.DmChannelOf(Owner);
            await Eventually.TrueAsync(() => bot.Get<WatchLedger>().Pending().Count == 0, TimeSpan.FromSeconds(30), "the pending alert delivered after the restart");
            await bot.Get<WatchAlertSender>().SendPendingAsync(CancellationToken.None);

            Assert.Equal(parts, bot.Server.Rest.MessageIdsIn(dm).Count);
            Assert.Equal(parts, bot.Server.Rest.RequestsTo("message-create").Count);
            Assert.All(decided.Matches, m => Assert.Contains(m.Paper.Title.Replace('[', '(').Replace(']', ')'), Text(bot, dm), StringComparison.Ordinal));
            Assert.Equal(decided.Matches.Count, bot.Get<WatchLedger>().DeliveredCount(watch.Id));
            AssertConforms(bot);
        }
    }

    [Fact]
    public async Task A_lost_response_is_retried_into_the_same_message_and_one_lost_past_the_retries_is_resent_after_a_restart_without_a_duplicate()
    {
        var bot = await BotHarness.StartAsync();
        var channelWatch = Add(bot, "long video generation", WatchOwner.Channel(BotHarness.ChannelId, BotHarness.GuildId), TimeProvider.System);
        var dmWatch = Add(bot, "diffusion language models", WatchOwner.User(Owner), TimeProvider.System);
        bot.Get<Ingestor>().IngestFiles([TestPaths.HfArchive("2025-09-30.json")], null);
        // The channel's alert: posted, its answer lost, the retry answered with the same message.
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.LoseResponse());
        await bot.Get<WatchAlertSender>().DecideAndSendAsync([NewDay], CancellationToken.None);
        var channel = Posts(bot, BotHarness.ChannelId);
        var dm = Posts(bot, FakeRestApi.DmChannelOf(Owner));
        Assert.True(channel.Messages > 0 && channel.Messages == channel.Nonces && channel.Requests == channel.Messages + 1, channel.ToString());
        Assert.True(dm.Messages > 0 && dm.Messages == dm.Nonces && dm.Requests == dm.Messages, dm.ToString());

        // A third watch's alert is posted but its answer never comes back, through every retry: it stays pending.
        bot.Get<WatchStore>().SetMuted(channelWatch.Id, true);
        bot.Get<WatchStore>().SetMuted(dmWatch.Id, true);
        var third = Add(bot, "AI coding agents", WatchOwner.User(Owner + 1), TimeProvider.System);
        bot.Get<Ingestor>().IngestFiles([TestPaths.HfArchive("2026-04-16.json")], null);
        bot.Server.Rest.EnqueueFault("message-create", new RestFault.LoseResponse());
        for (var i = 0; i < 4; i++)
        {
            bot.Server.Rest.EnqueueFault("message-create", new RestFault.Status(502));
        }

        var synced = await bot.Get<WatchRun>().DecideAsync([new DateOnly(2026, 4, 16)], CancellationToken.None);
        Assert.Equal([third.Id], synced.Select(a => a.Watch.Id));
        var parts = DiscordWatchText.Parts(synced[0]).Count;
        await bot.Get<WatchAlertSender>().SendPendingAsync(CancellationToken.None);
        Assert.Single(bot.Get<WatchLedger>().Pending());

        bot = await bot.RestartAsync();
        await using (bot)
        {
            await Eventually.TrueAsync(() => bot.Get<WatchLedger>().Pending().Count == 0, TimeSpan.FromSeconds(30), "the resend after the restart");

            Assert.Equal(parts, bot.Server.Rest.MessageIdsIn(FakeRestApi.DmChannelOf(Owner + 1)).Count);
            Assert.Equal(channel.Messages, bot.Server.Rest.MessageIdsIn(BotHarness.ChannelId).Count);
            AssertConforms(bot);
        }
    }

    [Fact]
    public async Task A_channel_that_refuses_the_bot_and_a_user_without_dms_are_given_up_after_one_attempt()
    {
        await using var bot = await BotHarness.StartAsync();
        Add(bot, "long video generation", WatchOwner.Channel(BotHarness.ChannelId, BotHarness.GuildId), TimeProvider.System);
        Add(bot, "diffusion language models", WatchOwner.User(Owner), TimeProvider.System);
        bot.Server.Rest.DenyChannel(BotHarness.ChannelId);
        bot.Server.Rest.CloseDms(Owner);
        bot.Get<Ingestor>().IngestFiles([TestPaths.HfArchive("2025-09-30.json")], null);

        await bot.Get<WatchAlertSender>().DecideAndSendAsync([NewDay], CancellationToken.None);
        await bot.Get<WatchAlertSender>().SendPendingAsync(CancellationToken.None);

        Assert.Equal(2, bot.Server.Rest.RequestsTo("message-create").Count);
        Assert.All(bot.Server.Rest.RequestsTo("message-create"), r => Assert.Equal(403, r.Status));
        Assert.Empty(bot.Get<WatchLedger>().Pending());
        Assert.Equal(2, bot.Logs.Lines.Count(l => l.Message.Contains("given up", StringComparison.Ordinal)));
    }

    /// <summary>The messages in a channel, the distinct nonces the bot created them with, and its create requests there.</summary>
    private static (int Messages, int Nonces, int Requests) Posts(BotHarness bot, ulong channel)
    {
        var creates = bot.Server.Rest.RequestsTo("message-create").Where(r => r.Path == $"channels/{channel}/messages").ToList();
        return (bot.Server.Rest.MessageIdsIn(channel).Count, creates.Select(r => r.Json.GetProperty("nonce").GetString()).Distinct().Count(), creates.Count);
    }

    private static Watch Add(BotHarness bot, string topic, WatchOwner owner, TimeProvider time) =>
        bot.Get<WatchStore>().Add(new WatchRequest(owner, topic), time.GetUtcNow());

    private static string Content(JsonElement data) => data.GetProperty("content").GetString()!;

    private static string Text(BotHarness bot, ulong channel) =>
        string.Join("\n", bot.Server.Rest.MessageIdsIn(channel).Select(id => bot.Server.Rest.StoredMessage(channel, id)!["content"]!.GetValue<string>()));

    private static void AssertConforms(BotHarness bot)
    {
        var problems = new List<string>(bot.Server.Rest.Violations);
        foreach (var request in bot.Server.Rest.Requests.Where(r => DiscordOpenApi.Routes.ContainsKey(r.RouteName)))
        {
            problems.AddRange(DiscordOpenApi.CheckRequest(request.RouteName, request.Body));
            if (request.Status is >= 200 and < 300)
            {
                problems.AddRange(DiscordOpenApi.CheckResponse(request.RouteName, request.Status, request.ResponseBody));
            }
        }

        Assert.Empty(problems);
    }
}
