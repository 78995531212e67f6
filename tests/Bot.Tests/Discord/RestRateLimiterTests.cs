using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Tests.Discord;

public sealed class RestRateLimiterTests
{
    private static readonly RateLimitHeaders OneLeft = new("callback-bucket", 5, 4, TimeSpan.FromSeconds(1), false, null);

    private static DiscordRoute Callback(int interaction) =>
        new(HttpMethod.Post, "interactions/{interaction_id}/{interaction_token}/callback", $"interactions/{interaction}/t/callback", $"{interaction}", true);

    [Fact]
    public async Task Expired_per_interaction_buckets_are_forgotten()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time);
        for (var i = 0; i < 600; i++)
        {
            var bucket = await limiter.AcquireAsync(Callback(i), _ => { }, default);
            limiter.Observe(Callback(i), bucket, OneLeft, tooManyRequests: false, retryAfter: null, global: false);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        await limiter.AcquireAsync(Callback(600), _ => { }, default);

        Assert.True(limiter.BucketCount <= 2, $"{limiter.BucketCount} buckets kept");
    }

    [Fact]
    public async Task A_known_exhausted_bucket_holds_the_next_request_until_its_reset()
    {
        var limiter = new RestRateLimiter(TimeProvider.System);
        var route = new DiscordRoute(HttpMethod.Post, "channels/{channel_id}/messages", "channels/1/messages", "1");
        var bucket = await limiter.AcquireAsync(route, _ => { }, default);
        limiter.Observe(route, bucket, new RateLimitHeaders("m", 1, 0, TimeSpan.FromMilliseconds(300), false, null), false, null, false);
        var waits = new List<TimeSpan>();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await limiter.AcquireAsync(route, waits.Add, default);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"waited {watch.Elapsed}");
        Assert.NotEmpty(waits);
    }
}
