using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PaperBot.BotTestSupport;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// Discord:WeeklyDigest on a fake clock set to Monday 2026-03-23, over the sample corpus: the daily run at
/// Papers:SyncHourUtc also posts the digest of the week before (2026-W12) to the digest channel, only when enabled.
/// </summary>
[Collection(WholeBotTests.Name)]
public sealed class WeeklyDigestTests : IAsyncLifetime
{
    private const ulong DigestChannel = 778;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 23, 5, 59, 0, TimeSpan.Zero));
    private FakeHuggingFaceServer _hf = null!;

    public async Task InitializeAsync() => _hf = await FakeHuggingFaceServer.StartAsync();

    public async Task DisposeAsync() => await _hf.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_monday_the_weeks_digest_is_posted_when_enabled(bool enabled)
    {
        await using var bot = await BotHarness.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["Papers:ApiBaseUrl"] = _hf.BaseUrl.ToString(),
                ["Papers:SyncHourUtc"] = "6",
                ["Papers:MaxRetries"] = "0",
                ["Discord:DigestChannelId"] = DigestChannel.ToString(CultureInfo.InvariantCulture),
                ["Discord:WeeklyDigest"] = enabled ? "true" : "false",
            },
            time: _clock);
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
        var text = string.Concat(posts.Select(p => p.Json.GetProperty("content").GetString()));
        Assert.Contains("Most upvoted: ", text, StringComparison.Ordinal);
        Assert.All(posts, p => Assert.True(p.Json.GetProperty("content").GetString()!.Length <= 2000));
        Assert.StartsWith("related:", posts[^1].Json.GetProperty("components")[0].GetProperty("components")[0].GetProperty("custom_id").GetString(), StringComparison.Ordinal);
        Assert.Empty(bot.Server.Rest.Violations);
    }

    private static int Scheduled(BotHarness bot) =>
        bot.Logs.Lines.Count(l => l.Message.StartsWith("Daily sync at 6:00 UTC", StringComparison.Ordinal));
}
