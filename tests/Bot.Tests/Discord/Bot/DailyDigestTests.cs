using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// The daily sync and digest (Papers:SyncHourUtc, Discord:DigestChannelId) on a fake clock: nothing happens before
/// the hour; at the hour yesterday and today are synced from a fake Hugging Face API and each day that got new
/// papers has its digest posted to the digest channel; a failing sync is logged and the next day runs again; on Mondays,
/// with Discord:WeeklyDigest, the week before is digested too.
/// </summary>
public sealed class DailyDigestTests : IAsyncLifetime
{
    private const ulong DigestChannel = 777;
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateOnly Yesterday = Today.AddDays(-1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 5, 59, 0, TimeSpan.Zero));
    private FakeHuggingFaceServer _hf = null!;

    public async Task InitializeAsync() => _hf = await FakeHuggingFaceServer.StartAsync();

    public async Task DisposeAsync() => await _hf.DisposeAsync();

    [Fact]
    public async Task At_the_hour_new_days_are_synced_and_their_digest_is_posted_to_the_digest_channel()
    {
        _hf.AddDay(Today, HfJson.DailyItems(Today, 3));
        await using var bot = await StartAsync();
        await Eventually.TrueAsync(() => Scheduled(bot) == 1, what: "the first run to be scheduled");
        Assert.Empty(_hf.Requests);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => Scheduled(bot) == 2, TimeSpan.FromSeconds(30), "the run to finish and the next to be scheduled");

        // Both days were asked for; only today had papers, so only today's digest is posted.
        Assert.Contains(_hf.Requests, r => r["date"] == Yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Contains(_hf.Requests, r => r["date"] == Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var posts = bot.Server.Rest.RequestsTo("message-create");
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.Contains($"channels/{DigestChannel}/messages", p.Path, StringComparison.Ordinal));
        Assert.All(posts, p => Assert.Equal(0, p.Json.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength()));
        // The related-papers buttons of the digest's cited papers end its last message.
        Assert.StartsWith("related:", posts[^1].Json.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString(), StringComparison.Ordinal);
        var text = string.Concat(posts.Select(p => p.Json.GetProperty("content").GetString()));
        foreach (var title in HfJson.DailyItems(Today, 3).Select(TitleOf))
        {
            Assert.Contains(title, text, StringComparison.Ordinal);
        }

        // The next day nothing new appeared: the sync runs, nothing is posted.
        var postsBefore = posts.Count;
        _clock.Advance(TimeSpan.FromDays(1));
        await Eventually.TrueAsync(() => Scheduled(bot) == 3, TimeSpan.FromSeconds(30), "the second day's run");
        Assert.Equal(postsBefore, bot.Server.Rest.RequestsTo("message-create").Count);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    [Fact]
    public async Task A_failing_sync_is_logged_posts_nothing_and_the_next_day_still_runs()
    {
        for (var i = 0; i < 2; i++)
        {
            _hf.Enqueue(FakeResponse.Error(500, "upstream broke"));
        }

        await using var bot = await StartAsync();
        await Eventually.TrueAsync(() => Scheduled(bot) == 1, what: "the first run to be scheduled");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => Scheduled(bot) == 2, TimeSpan.FromSeconds(30), "the failed run to end and the next to be scheduled");

        // Yesterday and today each failed on their own (two 500s), each logged.
        Assert.Equal(2, bot.Logs.Lines.Count(l => l.Message.StartsWith("The daily sync or digest of", StringComparison.Ordinal)));
        Assert.Empty(bot.Server.Rest.RequestsTo("message-create"));

        _hf.AddDay(Today.AddDays(1), HfJson.DailyItems(Today.AddDays(1), 2));
        _clock.Advance(TimeSpan.FromDays(1));
        await Eventually.TrueAsync(() => bot.Server.Rest.RequestsTo("message-create").Count > 0, TimeSpan.FromSeconds(30), "the next day's digest");
    }

    /// <summary>
    /// Discord:WeeklyDigest on Monday 2026-03-23, over the sample corpus: the run at the hour also posts the digest of the
    /// week before (2026-W12) to the digest channel, only when enabled.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_monday_the_weeks_digest_is_posted_when_enabled(bool enabled)
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 23, 5, 59, 0, TimeSpan.Zero));
        await using var bot = await StartAsync(enabled ? "true" : "false");
        await Eventually.TrueAsync(() => Scheduled(bot) == 1, what: "the first run to be scheduled");

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => Scheduled(bot) == 2, TimeSpan.FromSeconds(30), "the run to finish and the next to be scheduled");

        var posts = bot.Server.Rest.RequestsTo("message-create");
        if (!enabled)
        {
            // The fake Hugging Face has no papers for the two synced days: nothing new, nothing posted.
            Assert.Empty(posts);
            return;
        }

        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.Contains($"channels/{DigestChannel}/messages", p.Path, StringComparison.Ordinal));
        Assert.StartsWith("Extractive digest (no model) of 2026-W12 (2026-03-16 to 2026-03-22): ", posts[0].Json.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("Most upvoted: ", string.Concat(posts.Select(p => p.Json.GetProperty("content").GetString())), StringComparison.Ordinal);
        Assert.All(posts, p => Assert.True(p.Json.GetProperty("content").GetString()!.Length <= 2000));
        Assert.StartsWith("related:", posts[^1].Json.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString(), StringComparison.Ordinal);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    private Task<BotHarness> StartAsync(string weeklyDigest = "false") => BotHarness.StartAsync(
        settings: new Dictionary<string, string?>
        {
            ["Papers:ApiBaseUrl"] = _hf.BaseUrl.ToString(),
            ["Papers:SyncHourUtc"] = "6",
            ["Papers:MaxRetries"] = "0",
            ["Discord:DigestChannelId"] = DigestChannel.ToString(CultureInfo.InvariantCulture),
            ["Discord:WeeklyDigest"] = weeklyDigest,
        },
        time: _clock);

    private static int Scheduled(BotHarness bot) =>
        bot.Logs.Lines.Count(l => l.Message.StartsWith("Daily sync at 6:00 UTC", StringComparison.Ordinal));

    private static string TitleOf(string item) =>
        System.Text.Json.JsonDocument.Parse(item).RootElement.GetProperty("paper").GetProperty("title").GetString()!;
}
