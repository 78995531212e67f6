using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PaperBot.Bot.Tests.Discord.Fake;

/// <summary>
/// The REST half of the fake Discord: the routes the bot calls, with per-bucket limits and a global limit it
/// enforces (a request into an exhausted bucket is a violation), scripted faults, and a record of every request.
/// </summary>
public sealed class FakeRestApi
{
    public const string PathPrefix = "/api/v10/";

    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<string> _violations = [];
    private readonly List<(string Route, RestFault Fault)> _faults = [];
    private readonly Dictionary<string, (int Limit, TimeSpan Window)> _limits = [];
    private readonly Dictionary<string, FakeBucket> _buckets = [];
    private readonly ConcurrentDictionary<(string Channel, string Message), object> _messages = new();

    private readonly Dictionary<(string Channel, string Nonce), string> _nonces = [];

    // The ids of the threads opened so far (a thread is also a channel).
    private readonly ConcurrentDictionary<string, byte> _threads = new();
    private readonly IReadOnlyList<FakeRoute> _routes;
    private readonly Func<string> _gatewayUrl;
    private DateTimeOffset _globalUntil;
    private long _nextId = 900_000_000_000_000_000;

    internal FakeRestApi(string token, Func<string> gatewayUrl)
    {
        Token = token;
        _gatewayUrl = gatewayUrl;
        _routes = BuildRoutes();
    }

    /// <summary>The bot token the fake expects in Authorization headers.</summary>
    public string Token { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Protocol rules the bot broke: requests into exhausted buckets or during a global limit, missing allowed_mentions, bad headers.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Route names: gateway-bot, global-commands, guild-commands, interaction-callback, original-edit, followup, message-create, message-edit, typing, thread-start, message-get.</summary>
    public IEnumerable<string> RouteNames => _routes.Select(r => r.Name);

    public IReadOnlyList<RecordedRequest> RequestsTo(string routeName) => Requests.Where(r => r.RouteName == routeName).ToList();

    /// <summary>Waits until <paramref name="count"/> requests of <paramref name="routeName"/> arrived; returns them.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(string routeName, int count = 1, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => RequestsTo(routeName).Count >= count, timeout, $"{count} × {routeName}");
        return RequestsTo(routeName);
    }

    /// <summary>Applies <paramref name="fault"/> to the next request of <paramref name="routeName"/> ("*" for any route).</summary>
    public void EnqueueFault(string routeName, RestFault fault)
    {
        lock (_lock)
        {
            _faults.Add((routeName, fault));
        }
    }

    /// <summary>Sets the bucket size and window of a route (default 50 per second).</summary>
    public void SetBucketLimit(string routeName, int limit, TimeSpan window)
    {
        lock (_lock)
        {
            _limits[routeName] = (limit, window);
        }
    }

    /// <summary>Stores a message so GET /channels/{c}/messages/{m} returns it (reply chains).</summary>
    /// <summary>The ids of the messages stored in one channel (posted by the bot or added by a test), oldest first.</summary>
    public IReadOnlyList<ulong> MessageIdsIn(ulong channelId)
    {
        var channel = channelId.ToString(CultureInfo.InvariantCulture);
        return _messages.Keys.Where(k => k.Item1 == channel).Select(k => ulong.Parse(k.Item2, CultureInfo.InvariantCulture)).Order().ToList();
    }

    public void AddMessage(ulong channelId, ulong messageId, string content, ulong authorId, ulong? repliesTo = null)
    {
        var key = (channelId.ToString(CultureInfo.InvariantCulture), messageId.ToString(CultureInfo.InvariantCulture));
        _messages[key] = FakePayloads.Message(channelId, messageId, authorId, content, repliesTo: repliesTo);
    }

    internal async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var path = (request.Path.Value ?? "").StartsWith(PathPrefix, StringComparison.Ordinal) ? request.Path.Value![PathPrefix.Length..] : "";
        var route = _routes.FirstOrDefault(r => r.Method == request.Method && r.Pattern.IsMatch(path));
        var response = route is null ? new FakeRestResponse(404, Error("404: Not Found", 0)) : await HandleRouteAsync(route, path, request, body, context);

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", route?.Name ?? "", headers, body, response.Status, DateTimeOffset.UtcNow));
        }

        context.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            await context.Response.WriteAsJsonAsync(response.Body);
        }
    }

    private async Task<FakeRestResponse> HandleRouteAsync(FakeRoute route, string path, HttpRequest request, string body, HttpContext context)
    {
        var match = route.Pattern.Match(path);
        CheckHeaders(route, request, body);
        if (route.IsMessageWrite)
        {
            CheckAllowedMentions(route, body);
        }

        var fault = TakeFault(route.Name);
        if (fault is RestFault.Delay delay)
        {
            await Task.Delay(delay.Duration);
            fault = null;
        }

        var now = DateTimeOffset.UtcNow;
        FakeBucket bucket;
        lock (_lock)
        {
            if (!route.ExemptFromGlobal && now < _globalUntil)
            {
                _violations.Add($"{route.Name}: sent during a global rate limit");
                return GlobalLimited(context, _globalUntil - now);
            }

            var key = $"{route.Name}:{match.Groups["major"].Value}";
            if (!_buckets.TryGetValue(key, out bucket!))
            {
                var (limit, window) = _limits.GetValueOrDefault(route.Name, (50, TimeSpan.FromSeconds(1)));
                bucket = _buckets[key] = new FakeBucket(limit, window);
            }

            if (!bucket.TryTake(now))
            {
                _violations.Add($"{route.Name}: sent into an exhausted bucket");
                WriteBucketHeaders(context, route, bucket, now);
                return new FakeRestResponse(429, new { message = "You are being rate limited.", retry_after = Seconds(bucket.ResetAt - now), global = false });
            }

            switch (fault)
            {
                case RestFault.BucketRateLimited limited:
                    bucket.Exhaust(now, limited.RetryAfter);
                    WriteBucketHeaders(context, route, bucket, now);
                    context.Response.Headers["Retry-After"] = Seconds(limited.RetryAfter).ToString(CultureInfo.InvariantCulture);
                    context.Response.Headers["X-RateLimit-Scope"] = "user";
                    return new FakeRestResponse(429, new { message = "You are being rate limited.", retry_after = Seconds(limited.RetryAfter), global = false });
                case RestFault.GlobalRateLimited global:
                    _globalUntil = now + global.RetryAfter;
                    return GlobalLimited(context, global.RetryAfter);
                case RestFault.Status status:
                    WriteBucketHeaders(context, route, bucket, now);
                    return new FakeRestResponse(status.Code, Error($"Scripted {status.Code}", status.ErrorCode));
            }

            WriteBucketHeaders(context, route, bucket, now);
        }

        return route.Handle(new FakeRestRequest(match, body));
    }

    private static FakeRestResponse GlobalLimited(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers["X-RateLimit-Global"] = "true";
        context.Response.Headers["X-RateLimit-Scope"] = "global";
        context.Response.Headers["Retry-After"] = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return new FakeRestResponse(429, new { message = "You are being rate limited.", retry_after = Seconds(retryAfter), global = true });
    }

    private static void WriteBucketHeaders(HttpContext context, FakeRoute route, FakeBucket bucket, DateTimeOffset now)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Bucket"] = route.Name;
        headers["X-RateLimit-Limit"] = bucket.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = bucket.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = Seconds(bucket.ResetAt - now).ToString("0.000", CultureInfo.InvariantCulture);
    }

    private static double Seconds(TimeSpan span) => Math.Ceiling(Math.Max(0, span.TotalMilliseconds)) / 1000.0;

    private RestFault? TakeFault(string routeName)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(f => f.Route == routeName || f.Route == "*");
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    private void CheckHeaders(FakeRoute route, HttpRequest request, string body)
    {
        var problems = new List<string>();
        if (!route.ExemptFromGlobal && request.Headers.Authorization.ToString() != $"Bot {Token}")
        {
            problems.Add("missing or wrong 'Authorization: Bot <token>'");
        }

        if (!request.Headers.UserAgent.ToString().StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            problems.Add("User-Agent is not 'DiscordBot (url, version)'");
        }

        if (body.Length > 0 && !(request.ContentType ?? "").StartsWith("application/json", StringComparison.Ordinal))
        {
            problems.Add("a body without a JSON content type");
        }

        lock (_lock)
        {
            _violations.AddRange(problems.Select(p => $"{route.Name}: {p}"));
        }
    }

    private void CheckAllowedMentions(FakeRoute route, string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        if (route.Name == "interaction-callback")
        {
            if (!root.TryGetProperty("data", out root) || root.ValueKind != JsonValueKind.Object)
            {
                return;
            }
        }

        var ok = root.TryGetProperty("allowed_mentions", out var mentions)
            && mentions.TryGetProperty("parse", out var parse)
            && parse.ValueKind == JsonValueKind.Array
            && parse.GetArrayLength() == 0
            && !mentions.TryGetProperty("users", out _)
            && !mentions.TryGetProperty("roles", out _);
        if (!ok)
        {
            lock (_lock)
            {
                _violations.Add($"{route.Name}: allowed_mentions is not {{\"parse\": []}}");
            }
        }
    }

    private static object Error(string message, int code) => new { message, code };

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>A thread takes the id of the message it is opened on; none can be opened inside a thread.</summary>
    private FakeRestResponse StartThread(FakeRestRequest request)
    {
        if (_threads.ContainsKey(request["major"]))
        {
            return new(400, Error("Cannot execute action on this channel type", 50024));
        }

        _threads[request["message"]] = 0;
        return new(201, new { id = request["message"], type = 11, name = request.Json.GetProperty("name").GetString() });
    }

    /// <summary>As Discord: with enforce_nonce, a nonce already used in the channel returns that message and posts nothing.</summary>
    private FakeRestResponse CreateMessage(FakeRestRequest request)
    {
        var channel = request["major"];
        if (request.Json.TryGetProperty("enforce_nonce", out var enforce) && enforce.ValueKind == JsonValueKind.True
            && request.Json.TryGetProperty("nonce", out var nonce) && nonce.GetString() is { } key)
        {
            lock (_nonces)
            {
                if (_nonces.TryGetValue((channel, key), out var existing))
                {
                    return new(200, _messages[(channel, existing)]);
                }

                var id = NextId();
                _nonces[(channel, key)] = id;
                return new(200, StoreMessage(channel, id, request.Json));
            }
        }

        return new(200, StoreMessage(channel, NextId(), request.Json));
    }

    private object StoreMessage(string channelId, string messageId, JsonElement body)
    {
        var content = body.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : "";
        var message = FakePayloads.Message(
            ulong.Parse(channelId, CultureInfo.InvariantCulture), ulong.Parse(messageId, CultureInfo.InvariantCulture), FakePayloads.BotUserId, content ?? "");
        _messages[(channelId, messageId)] = message;
        return message;
    }

    private List<FakeRoute> BuildRoutes()
    {
        static Regex P(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        const string webhookChannel = "1";
        return
        [
            new("gateway-bot", "GET", P("^gateway/bot$"), false, false, _ => new(200, new
            {
                url = _gatewayUrl(),
                shards = 1,
                session_start_limit = new { total = 1000, remaining = 999, reset_after = 86_400_000, max_concurrency = 1 },
            })),
            new("global-commands", "PUT", P(@"^applications/\d+/commands$"), false, false, r => new(200, r.Json)),
            new("guild-commands", "PUT", P(@"^applications/\d+/guilds/(?<major>\d+)/commands$"), false, false, r => new(200, r.Json)),
            new("interaction-callback", "POST", P(@"^interactions/(?<major>\d+)/(?<token>[^/]+)/callback$"), true, true, _ => new(204)),
            new("original-edit", "PATCH", P(@"^webhooks/\d+/(?<major>[^/]+)/messages/@original$"), true, true,
                r => new(200, StoreMessage(webhookChannel, NextId(), r.Json))),
            new("followup", "POST", P(@"^webhooks/\d+/(?<major>[^/]+)$"), true, true, r => new(200, StoreMessage(webhookChannel, NextId(), r.Json))),
            new("message-create", "POST", P(@"^channels/(?<major>\d+)/messages$"), true, false, CreateMessage),
            new("message-edit", "PATCH", P(@"^channels/(?<major>\d+)/messages/(?<message>\d+)$"), true, false,
                r => new(200, StoreMessage(r["major"], r["message"], r.Json))),
            new("typing", "POST", P(@"^channels/(?<major>\d+)/typing$"), false, false, _ => new(204)),
            new("thread-start", "POST", P(@"^channels/(?<major>\d+)/messages/(?<message>\d+)/threads$"), false, false, StartThread),
            new("message-get", "GET", P(@"^channels/(?<major>\d+)/messages/(?<message>\d+)$"), false, false,
                r => _messages.TryGetValue((r["major"], r["message"]), out var message) ? new(200, message) : new(404, Error("Unknown Message", 10008))),
        ];
    }
}
