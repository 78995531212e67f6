using Microsoft.Extensions.Time.Testing;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Tests.Discord;

public sealed class RestRateLimiterTests
{
    private static readonly RateLimitHeaders OneLeft = new("callback-bucket", 4, TimeSpan.FromSeconds(1), false, null);

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
        limiter.Observe(route, bucket, Left(0, 300), false, null, false);
        var waits = new List<TimeSpan>();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await limiter.AcquireAsync(route, waits.Add, default);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"waited {watch.Elapsed}");
        Assert.NotEmpty(waits);
    }

    [Fact]
    public async Task After_a_window_passes_one_request_probes_the_next_and_the_rest_wait_for_its_response()
    {
        // Discord starts a window when a request arrives: a burst assumed into "a full bucket from now" could land
        // in the window the last burst opened, which is what a loaded run of the suite once showed.
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time);
        var route = Messages();
        var first = await limiter.AcquireAsync(route, _ => { }, default);
        limiter.Observe(route, first, Left(0, 300), false, null, false);
        time.Advance(TimeSpan.FromMilliseconds(400));

        var probe = limiter.AcquireAsync(route, _ => { }, default);
        var next = limiter.AcquireAsync(route, _ => { }, default);

        Assert.True(probe.IsCompletedSuccessfully);
        Assert.False(next.IsCompleted);
        limiter.Observe(route, await probe, Left(1, 300), false, null, false);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_late_response_of_a_window_never_brings_its_reset_earlier()
    {
        var time = new FakeTimeProvider();
        var limiter = new RestRateLimiter(time);
        var route = Messages();
        var sent = await limiter.AcquireAsync(route, _ => { }, default);
        limiter.Observe(route, sent, Left(0, 300), false, null, false);
        time.Advance(TimeSpan.FromMilliseconds(100));

        // An earlier request's response, read late: 50 ms were left when Discord wrote it.
        limiter.Observe(route, sent, Left(0, 50), false, null, false);
        time.Advance(TimeSpan.FromMilliseconds(60));
        var held = limiter.AcquireAsync(route, _ => { }, default);

        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(150));
        await held.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static DiscordRoute Messages() => new(HttpMethod.Post, "channels/{channel_id}/messages", "channels/1/messages", "1");

    /// <summary>A messages-bucket response: <paramref name="remaining"/> left, the window ending in <paramref name="milliseconds"/>.</summary>
    private static RateLimitHeaders Left(int remaining, int milliseconds) => new("m", remaining, TimeSpan.FromMilliseconds(milliseconds), false, null);
}
