using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.Rag.Index;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// /config: a server's digest channels and the local time of its daily sync and digest, kept in the index and
/// applied by the running bot without a restart; Manage Server only; with Discord:WeeklyDigest, last week's digest
/// on the server's local Monday.
/// </summary>
public sealed class ConfigDiscordTests : IAsyncLifetime
{
    private const ulong DigestChannel = 301;
    private FakeHuggingFaceServer _hf = null!;

    public async Task InitializeAsync()
    {
        _hf = await FakeHuggingFaceServer.StartAsync();
        _hf.AddDay(new DateOnly(2025, 9, 30), [.. JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive("2025-09-30.json"))).RootElement.EnumerateArray().Select(i => i.GetRawText())]);
    }

    public async Task DisposeAsync() => await _hf.DisposeAsync();

    [Fact]
    public async Task Only_server_managers_change_the_settings_and_show_says_what_applies()
    {
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?> { ["Papers:SyncHourUtc"] = "6" });

        var member = Content(await bot.CallbackAsync(await ConfigAsync(bot, "show", null, FakePayloads.MemberPermissions)));
        var defaults = Content(await bot.CallbackAsync(await ConfigAsync(bot, "show")));
        var badTime = Content(await bot.CallbackAsync(await ConfigAsync(bot, "schedule", new() { ["time"] = "25:00" })));
        var badZone = Content(await bot.CallbackAsync(await ConfigAsync(bot, "schedule", new() { ["time"] = "07:30", ["timezone"] = "Mars/Olympus" })));
        var schedule = Content(await bot.CallbackAsync(await ConfigAsync(bot, "schedule", new() { ["time"] = "7:30", ["timezone"] = "Europe/Paris" })));
        var digest = Content(await bot.CallbackAsync(await ConfigAsync(bot, "digest", new() { ["channel"] = DigestChannel.ToString(CultureInfo.InvariantCulture) })));

        Assert.Equal(ConfigInteractions.ManageServerOnly, member);
        Assert.Contains("06:00 UTC (the default, Papers:SyncHourUtc)", defaults, StringComparison.Ordinal);
        Assert.StartsWith("`25:00` is not a time", badTime, StringComparison.Ordinal);
        Assert.StartsWith("`Mars/Olympus` is not a time zone", badZone, StringComparison.Ordinal);
        Assert.Contains("Daily sync and digest: 07:30 Europe/Paris", schedule, StringComparison.Ordinal);
        Assert.Contains($"Digest channels: <#{DigestChannel}>", digest, StringComparison.Ordinal);
        var stored = bot.Get<ServerSettingsStore>().Get(BotHarness.GuildId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((new TimeOnly(7, 30), "Europe/Paris"), (stored.DigestTime!.Value, stored.TimeZone!));
        Assert.Equal([DigestChannel.ToString(CultureInfo.InvariantCulture)], stored.DigestChannels);
        var registered = bot.Server.Rest.RequestsTo("global-commands")[^1].Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "config");
        Assert.Equal((long)FakePayloads.ManageGuild, registered.GetProperty("default_member_permissions").GetInt64());
    }

    [Fact]
    public async Task A_schedule_set_from_discord_runs_at_the_servers_local_time_once_a_day_without_a_restart()
    {
        // 05:20 UTC is 07:20 in Paris (summer time).
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 30, 5, 20, 0, TimeSpan.Zero));
        await using var bot = await StartScheduledAsync(clock, "Europe/Paris", weeklyDigest: false);

        // Runs are serialized: a check made here waits for the service's own check of the same minute.
        clock.Advance(ServerScheduleService.CheckInterval);
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);
        Assert.Empty(_hf.Requests);
        Assert.Empty(bot.Server.Rest.MessageIdsIn(DigestChannel));

        clock.Advance(TimeSpan.FromMinutes(10));
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);

        Assert.Contains(_hf.Requests, r => r["date"] == "2025-09-30");
        var posts = bot.Server.Rest.MessageIdsIn(DigestChannel);
        Assert.NotEmpty(posts);
        var text = string.Concat(posts.Select(id => bot.Server.Rest.StoredMessage(DigestChannel, id)!["content"]!.GetValue<string>()));
        Assert.Contains("2025-09-30", text, StringComparison.Ordinal);
        var fetches = _hf.Requests.Count;

        // The same day again: nothing; the next day at the time: it runs, and the day has no new papers to post.
        clock.Advance(TimeSpan.FromHours(1));
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);
        Assert.Equal(fetches, _hf.Requests.Count);
        clock.Advance(TimeSpan.FromDays(1));
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);
        Assert.True(_hf.Requests.Count > fetches);
        Assert.Equal(posts.Count, bot.Server.Rest.MessageIdsIn(DigestChannel).Count);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task With_the_weekly_digest_the_servers_local_monday_posts_last_weeks_digest_once_with_its_related_buttons()
    {
        // Wednesday 1 October 2025, 07:40 in Tokyo (UTC+9), 30 September in UTC: the day's run syncs that Tuesday's papers.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 29, 22, 40, 0, TimeSpan.Zero));
        await using var bot = await StartScheduledAsync(clock, "Asia/Tokyo", weeklyDigest: true);
        clock.Advance(TimeSpan.FromDays(1));
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);
        var daily = bot.Server.Rest.MessageIdsIn(DigestChannel).Count;

        // Monday 6 October, 07:40 in Tokyo: still Sunday 5 October in UTC, so only the server's own zone makes it Monday.
        clock.Advance(TimeSpan.FromDays(5));
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);
        await bot.Get<ServerScheduleService>().RunDueAsync(CancellationToken.None);

        var weekly = bot.Server.Rest.MessageIdsIn(DigestChannel).Skip(daily).Select(id => bot.Server.Rest.StoredMessage(DigestChannel, id)!).ToList();
        Assert.NotEmpty(weekly);
        Assert.Contains("2025-W40", weekly[0]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(weekly, m => m["content"]!.GetValue<string>().Contains("2025-W40", StringComparison.Ordinal));
        Assert.NotNull(weekly[^1]["components"]);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    /// <summary>A bot syncing from the fake Hugging Face API whose server set, from Discord, a 07:30 schedule in <paramref name="zone"/> and the digest channel.</summary>
    private async Task<BotHarness> StartScheduledAsync(FakeTimeProvider clock, string zone, bool weeklyDigest)
    {
        var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Papers:ApiBaseUrl"] = _hf.BaseUrl.ToString(),
            ["Papers:MaxRetries"] = "0",
            ["Discord:WeeklyDigest"] = weeklyDigest ? "true" : "false",
        }, time: clock);
        try
        {
            await bot.CallbackAsync(await ConfigAsync(bot, "schedule", new() { ["time"] = "07:30", ["timezone"] = zone }));
            await bot.CallbackAsync(await ConfigAsync(bot, "digest", new() { ["channel"] = DigestChannel.ToString(CultureInfo.InvariantCulture) }));
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> ConfigAsync(BotHarness bot, string subcommand, Dictionary<string, object>? options = null, ulong permissions = FakePayloads.MemberPermissions | FakePayloads.ManageGuild)
    {
        var id = bot.NewId();
        var token = $"tok-{id}";
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SubCommand(id, token, "config", subcommand, options, memberPermissions: permissions));
        return token;
    }

    private static string Content(JsonElement data) => data.GetProperty("content").GetString()!;
}
