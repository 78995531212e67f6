using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol.Models;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>
/// The Discord REST calls the bot makes. Every call goes through the rate limiter (never into an exhausted
/// bucket) and every message it creates or edits parses no mentions. Calls that are safe to repeat are retried
/// after 429s, 5xx and timeouts; interaction callbacks and follow-ups only after a 429 (Discord did nothing), and
/// otherwise fail with <see cref="DiscordHttpException.OutcomeUnknown"/> so the caller can read before retrying.
/// </summary>
public sealed class DiscordRestClient
{
    private readonly HttpClient _http;
    private readonly DiscordOptions _options;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly RestRateLimiter _rateLimiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _onlyAfter429Pipeline;
    private volatile bool _tokenRejected;

    public DiscordRestClient(
        HttpClient http,
        IOptions<DiscordOptions> options,
        DiscordRestTimings timings,
        TimeProvider timeProvider,
        ILogger<DiscordRestClient> logger)
    {
        _http = http;
        _options = options.Value;
        _logger = logger;
        _rateLimiter = new RestRateLimiter(timeProvider);
        _http.BaseAddress = new Uri(_options.ApiBaseUrl.TrimEnd('/') + "/");
        var version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0";
        _http.DefaultRequestHeaders.UserAgent.ParseAdd($"DiscordBot ({_options.UserAgentUrl}, {version.Split('+')[0]})");
        _pipeline = BuildPipeline(timings, timeProvider, repeatable: true);
        _onlyAfter429Pipeline = BuildPipeline(timings, timeProvider, repeatable: false);
    }

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync<GatewayBotInfo>(new(HttpMethod.Get, "gateway/bot", "gateway/bot", ""), null, cancellationToken);

    /// <summary>Replaces every global command with <paramref name="commands"/>.</summary>
    public Task<IReadOnlyList<JsonElement>> BulkOverwriteGlobalCommandsAsync(IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<JsonElement>>(
            new(HttpMethod.Put, "applications/{application_id}/commands", $"applications/{_options.ApplicationId}/commands", ""),
            commands,
            cancellationToken);

    /// <summary>Replaces one guild's commands; guild commands update instantly, unlike global ones.</summary>
    public Task<IReadOnlyList<JsonElement>> BulkOverwriteGuildCommandsAsync(ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<JsonElement>>(
            new(HttpMethod.Put, "applications/{application_id}/guilds/{guild_id}/commands", $"applications/{_options.ApplicationId}/guilds/{guildId}/commands", $"{guildId}"),
            commands,
            cancellationToken);

    /// <summary>The first answer to an interaction, due within 3 s: a message (4) or "thinking…" (5).</summary>
    public async Task CreateInteractionResponseAsync(
        ulong interactionId, string interactionToken, InteractionCallbackType type, OutgoingMessage? message, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            MessageLimits.Validate(message, requireBody: type == InteractionCallbackType.ChannelMessageWithSource);
        }

        var route = new DiscordRoute(
            HttpMethod.Post, "interactions/{interaction_id}/{interaction_token}/callback",
            $"interactions/{interactionId}/{Uri.EscapeDataString(interactionToken)}/callback", $"{interactionId}", ExemptFromGlobal: true, Repeatable: false);
        var body = new InteractionResponseBody(type, message is null ? null : MessageBody.From(message, isReplyAllowed: false));
        using var response = await SendCoreAsync(route, body, cancellationToken);
    }

    /// <summary>Answers an autocomplete interaction (type 8) with at most 25 choices.</summary>
    public async Task CreateAutocompleteResponseAsync(
        ulong interactionId, string interactionToken, IReadOnlyList<AutocompleteChoice> choices, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(
            HttpMethod.Post, "interactions/{interaction_id}/{interaction_token}/callback",
            $"interactions/{interactionId}/{Uri.EscapeDataString(interactionToken)}/callback", $"{interactionId}", ExemptFromGlobal: true, Repeatable: false);
        var body = new AutocompleteResponseBody(InteractionCallbackType.ApplicationCommandAutocompleteResult, new AutocompleteData(choices.Take(25).ToList()));
        using var response = await SendCoreAsync(route, body, cancellationToken);
    }

    /// <summary>The original response as Discord holds it; tells whether a callback whose answer was lost took effect.</summary>
    public Task<DiscordMessage> GetOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken) =>
        SendAsync<DiscordMessage>(WebhookRoute(HttpMethod.Get, "/messages/@original", interactionToken, ""), null, cancellationToken);

    /// <summary>Deletes the original response; one already gone counts as deleted.</summary>
    public async Task DeleteOriginalResponseAsync(string interactionToken, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendCoreAsync(WebhookRoute(HttpMethod.Delete, "/messages/@original", interactionToken, ""), null, cancellationToken);
        }
        catch (DiscordHttpException e) when (e.ErrorCode == DiscordErrorCodes.UnknownMessage)
        {
        }
    }

    public Task<DiscordMessage> EditOriginalResponseAsync(string interactionToken, OutgoingMessage message, CancellationToken cancellationToken)
    {
        MessageLimits.Validate(message, requireBody: false);
        return SendAsync<DiscordMessage>(WebhookRoute(HttpMethod.Patch, "/messages/@original", interactionToken, ""), MessageBody.From(message, false), cancellationToken);
    }

    public Task<DiscordMessage> CreateFollowupAsync(string interactionToken, OutgoingMessage message, CancellationToken cancellationToken)
    {
        MessageLimits.Validate(message, requireBody: true);
        return SendAsync<DiscordMessage>(
            WebhookRoute(HttpMethod.Post, "", interactionToken, "?wait=true") with { Repeatable = false }, MessageBody.From(message, false), cancellationToken);
    }

    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        MessageLimits.Validate(message, requireBody: true);
        return SendAsync<DiscordMessage>(
            new(HttpMethod.Post, "channels/{channel_id}/messages", $"channels/{channelId}/messages", $"{channelId}"),
            MessageBody.ForCreate(message),
            cancellationToken);
    }

    /// <summary>The DM channel with <paramref name="userId"/> (Discord returns the existing one when there is one).</summary>
    public Task<DiscordChannel> CreateDmAsync(ulong userId, CancellationToken cancellationToken) =>
        SendAsync<DiscordChannel>(new(HttpMethod.Post, "users/@me/channels", "users/@me/channels", ""), new CreateDmBody(userId), cancellationToken);

    public Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        MessageLimits.Validate(message, requireBody: false);
        return SendAsync<DiscordMessage>(
            new(HttpMethod.Patch, "channels/{channel_id}/messages/{message_id}", $"channels/{channelId}/messages/{messageId}", $"{channelId}"),
            MessageBody.From(message, isReplyAllowed: false),
            cancellationToken);
    }

    /// <summary>Shows "typing…" for about 10 s; repeat every 8 s or so while working.</summary>
    public async Task TriggerTypingAsync(ulong channelId, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(
            new(HttpMethod.Post, "channels/{channel_id}/typing", $"channels/{channelId}/typing", $"{channelId}"), null, cancellationToken);
    }

    /// <summary>Opens a public thread on a message; the thread's id is the message's id.</summary>
    public Task<DiscordChannel> StartThreadFromMessageAsync(
        ulong channelId, ulong messageId, string name, int autoArchiveMinutes, CancellationToken cancellationToken)
    {
        if (name.Length is 0 or > MessageLimits.ThreadNameLength)
        {
            throw new ArgumentException($"A thread name has 1 to {MessageLimits.ThreadNameLength} characters, not {name.Length}.", nameof(name));
        }

        return SendAsync<DiscordChannel>(
            new(HttpMethod.Post, "channels/{channel_id}/messages/{message_id}/threads", $"channels/{channelId}/messages/{messageId}/threads", $"{channelId}", Repeatable: false),
            new StartThreadBody(name, autoArchiveMinutes),
            cancellationToken);
    }

    /// <summary>The newest messages after <paramref name="afterId"/> (at most <paramref name="limit"/>, newest first); needs Read Message History.</summary>
    public Task<IReadOnlyList<DiscordMessage>> GetChannelMessagesAsync(ulong channelId, ulong afterId, int limit, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<DiscordMessage>>(
            new(HttpMethod.Get, "channels/{channel_id}/messages", $"channels/{channelId}/messages?after={afterId}&limit={Math.Clamp(limit, 1, 100)}", $"{channelId}"),
            null,
            cancellationToken);

    /// <summary>One message, e.g. to follow a reply chain upwards.</summary>
    public Task<DiscordMessage> GetChannelMessageAsync(ulong channelId, ulong messageId, CancellationToken cancellationToken) =>
        SendAsync<DiscordMessage>(
            new(HttpMethod.Get, "channels/{channel_id}/messages/{message_id}", $"channels/{channelId}/messages/{messageId}", $"{channelId}"),
            null,
            cancellationToken);

    private DiscordRoute WebhookRoute(HttpMethod method, string suffix, string interactionToken, string query)
    {
        var token = Uri.EscapeDataString(interactionToken);
        return new DiscordRoute(
            method,
            $"webhooks/{{application_id}}/{{interaction_token}}{suffix}",
            $"webhooks/{_options.ApplicationId}/{token}{suffix}{query}",
            $"{_options.ApplicationId}/{token}",
            ExemptFromGlobal: true);
    }

    private async Task<T> SendAsync<T>(DiscordRoute route, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(route, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(DiscordJson.Options, cancellationToken)
            ?? throw new DiscordHttpException(response.StatusCode, null, $"Discord returned an empty body for {route}.");
    }

    private async Task<HttpResponseMessage> SendCoreAsync(DiscordRoute route, object? body, CancellationToken cancellationToken)
    {
        if (_tokenRejected)
        {
            throw TokenRejected();
        }

        var payload = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DiscordJson.Options);
        HttpResponseMessage response;
        try
        {
            var pipeline = route.Repeatable ? _pipeline : _onlyAfter429Pipeline;
            response = await pipeline.ExecuteAsync(cancellation => AttemptAsync(route, payload, cancellation), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            // One exception type for callers: Discord could not be reached, even after retries. The request may
            // still have arrived, so a call that is not repeatable leaves its outcome open.
            throw new DiscordHttpException($"Discord did not answer {route}: {e.Message}", e, outcomeUnknown: true);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized && !route.AuthenticatedByPathToken)
            {
                // Further calls with a rejected token only add to Discord's invalid-request count (and a Cloudflare ban).
                _tokenRejected = true;
                _logger.Unauthorized(route);
                throw TokenRejected();
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            throw new DiscordHttpException(
                response.StatusCode,
                error?.Code,
                $"Discord answered {route} with {(int)response.StatusCode} {response.StatusCode}: {error?.Message ?? "no details"}" +
                (error?.Code is { } code ? $" (code {code})." : "."),
                outcomeUnknown: response.StatusCode >= HttpStatusCode.InternalServerError);
        }
    }

    private async ValueTask<HttpResponseMessage> AttemptAsync(DiscordRoute route, byte[]? payload, CancellationToken cancellationToken)
    {
        var bucket = await _rateLimiter.AcquireAsync(route, wait => _logger.WaitingForRateLimit(route, wait), cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(route.Method, route.Path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.Token);
            if (payload is not null)
            {
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            var response = await _http.SendAsync(request, cancellationToken);
            _logger.Response(route, response.StatusCode);
            var headers = RateLimitHeaders.Read(response.Headers);
            if (response.StatusCode >= HttpStatusCode.InternalServerError)
            {
                _logger.ServerError(route, response.StatusCode);
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                _rateLimiter.Observe(route, bucket, headers, tooManyRequests: false, retryAfter: null, global: false);
                return response;
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            var global = headers.Global || error?.Global == true;
            var retryAfter = error?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : headers.RetryAfter;
            _rateLimiter.Observe(route, bucket, headers, tooManyRequests: true, retryAfter, global);
            _logger.RateLimited(route, global ? "global" : "bucket", retryAfter);
            return response;
        }
        finally
        {
            // A request that failed before describing its bucket must not leave others queued behind it.
            bucket.Release();
        }
    }

    private static async Task<DiscordErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<DiscordErrorBody>(DiscordJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Retries with backoff. A repeatable call is retried after 429s, 5xx, timeouts and connection failures; one
    /// that is not only after a 429, the one answer that says for sure Discord did nothing.
    /// </summary>
    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(DiscordRestTimings timings, TimeProvider timeProvider, bool repeatable) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = timings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = timings.RetryBaseDelay,
                ShouldHandle = repeatable
                    ? new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .HandleResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
                            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                    : new PredicateBuilder<HttpResponseMessage>().HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests),

                // After a 429 the rate limiter already holds the next attempt back exactly as long as Discord asked.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
            })
            .AddTimeout(timings.AttemptTimeout)
            .Build();

    private static DiscordFatalException TokenRejected() =>
        new("Discord rejected the bot token (401 Unauthorized): set a valid token in Discord:Token.");
}
