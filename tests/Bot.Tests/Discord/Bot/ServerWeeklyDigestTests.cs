using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Bot;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>Discord:WeeklyDigest on a server's own schedule: the run of its local Monday posts last week's digest in its digest channels.</summary>
public sealed class ServerWeeklyDigestTests : IAsyncLifetime
{
    private const ulong DigestChannel = 302;
    private FakeHuggingFaceServer _hf = null!;

    public async Task InitializeAsync()
    {
        _hf = await FakeHuggingFaceServer.StartAsync();
        _hf.AddDay(new DateOnly(2025, 9, 30), [.. JsonDocument.Parse(File.ReadAllText(TestPaths.HfArchive("2025-09-30.json"))).RootElement.EnumerateArray().Select(i => i.GetRawText())]);
    }

    public async Task DisposeAsync() => await _hf.DisposeAsync();

    [Fact]
    public async Task The_servers_local_monday_posts_last_weeks_digest_once_with_its_related_buttons()
    {
        // Wednesday 1 October 2025, 07:40 in Tokyo (UTC+9), 30 September in UTC: the day's run syncs that Tuesday's papers.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 29, 22, 40, 0, TimeSpan.Zero));
        await using var bot = await BotHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Papers:ApiBaseUrl"] = _hf.BaseUrl.ToString(),
            ["Papers:MaxRetries"] = "0",
            ["Discord:WeeklyDigest"] = "true",
        }, time: clock);
        await ConfigAsync(bot, "schedule", new() { ["time"] = "07:30", ["timezone"] = "Asia/Tokyo" });
        await ConfigAsync(bot, "digest", new() { ["channel"] = DigestChannel.ToString(CultureInfo.InvariantCulture) });
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

    private static async Task ConfigAsync(BotHarness bot, string subcommand, Dictionary<string, object> options)
    {
        var id = bot.NewId();
        await bot.Server.Gateway.InjectInteractionAsync(FakePayloads.SubCommand(id, $"tok-{id}", "config", subcommand, options, memberPermissions: FakePayloads.MemberPermissions | FakePayloads.ManageGuild));
        await bot.CallbackAsync($"tok-{id}");
    }
}
