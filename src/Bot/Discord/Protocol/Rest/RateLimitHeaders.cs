using System.Globalization;
using System.Net.Http.Headers;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>The X-RateLimit-* headers of one response.</summary>
internal sealed record RateLimitHeaders(string? Bucket, int? Remaining, TimeSpan? ResetAfter, bool Global, TimeSpan? RetryAfter)
{
    public static RateLimitHeaders Read(HttpResponseHeaders headers) => new(
        Text(headers, "X-RateLimit-Bucket"),
        int.TryParse(Text(headers, "X-RateLimit-Remaining"), CultureInfo.InvariantCulture, out var remaining) ? remaining : null,
        Seconds(Text(headers, "X-RateLimit-Reset-After")),
        string.Equals(Text(headers, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase),
        Seconds(Text(headers, "Retry-After")));

    private static string? Text(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
