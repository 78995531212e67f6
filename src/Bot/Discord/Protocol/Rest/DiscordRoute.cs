namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>
/// One REST call's route. Discord shares rate limits per route template and top-level resource (the "major
/// parameter": channel, guild, or webhook id + token), so both are kept apart from the concrete path.
/// </summary>
/// <param name="Template">The path with placeholders; safe to log (the path may hold an interaction token).</param>
/// <param name="Path">The concrete relative path, including any query.</param>
/// <param name="MajorParameter">The top-level resource id the bucket is keyed by, or empty.</param>
/// <param name="ExemptFromGlobal">Interaction callbacks and webhooks do not count against the global limit.</param>
/// <param name="Repeatable">
/// Whether sending the call twice does no harm. Interaction callbacks and follow-ups are not: Discord has no
/// idempotency key for them, so a retry after a lost answer acknowledges twice (40060) or posts twice.
/// </param>
public sealed record DiscordRoute(HttpMethod Method, string Template, string Path, string MajorParameter, bool ExemptFromGlobal = false, bool Repeatable = true)
{
    /// <summary>The key Discord's X-RateLimit-Bucket hash is learned for.</summary>
    public string RouteKey => $"{Method} {Template}";

    /// <summary>Interaction-token routes fail with 401 when the token expired; that says nothing about the bot token.</summary>
    public bool AuthenticatedByPathToken => ExemptFromGlobal;

    public override string ToString() => $"{Method} {Template}";
}
