using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PaperBot.TestSupport.Discord;

/// <summary>
/// The REST half of the fake Discord: the routes the bot calls, with per-bucket limits and a global limit it
/// enforces (a request into an exhausted bucket is a violation), Discord's interaction rules (one
/// acknowledgement within 3 s, a token that works for 15 min), scripted faults, and a record of every request.
/// </summary>
public sealed class FakeRestApi
{
    public const string PathPrefix = "/api/v10/";

    private const int MessageFlagEphemeral = 64;
    private const int MessageFlagLoading = 128;

    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<string> _violations = [];
    private readonly List<(string Route, RestFault Fault)> _faults = [];
    private readonly Dictionary<string, (int Limit, TimeSpan Window)> _limits = [];
    private readonly Dictionary<string, FakeBucket> _buckets = [];
    private readonly ConcurrentDictionary<(string Channel, string Message), JsonObject> _messages = new();
    private readonly Dictionary<(string Channel, string Nonce), string> _nonces = [];
    private readonly ConcurrentDictionary<ulong, int> _deniedChannels = new();
    private readonly ConcurrentDictionary<ulong, byte> _closedDms = new();

    // The ids of the threads opened so far (a thread is also a channel).
    private readonly ConcurrentDictionary<string, byte> _threads = new();
    private readonly IReadOnlyList<FakeRoute> _routes;
    private readonly Func<string> _gatewayUrl;
    private DateTimeOffset _globalUntil;
    private ulong _lastId;

    internal FakeRestApi(string token, Func<string> gatewayUrl, FakeInteractions interactions)
    {
        Token = token;
        _gatewayUrl = gatewayUrl;
        Interactions = interactions;
        _routes = BuildRoutes();
    }

    /// <summary>The bot token the fake expects in Authorization headers.</summary>
    public string Token { get; }

    /// <summary>The interactions the gateway sent (or a test added), with how they were answered.</summary>
    public FakeInteractions Interactions { get; }

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

    /// <summary>
    /// Requests Discord would hold against the bot, not caused by a scripted fault: the 401, 403 and 429 answers
    /// Discord counts toward its 10,000 per 10 minutes, and interaction calls it refuses (acknowledged twice,
    /// too late, expired token).
    /// </summary>
    public IReadOnlyList<RecordedRequest> InvalidRequests =>
        Requests.Where(r => !r.Scripted && (r.Status is 401 or 403 or 429 || r.ErrorCode is 40060 or 10062 or 50027)).ToList();

    /// <summary>Route names: gateway-bot, global-commands, guild-commands, interaction-callback, original-edit, original-get, original-delete, followup, message-create, message-edit, message-list, typing, thread-start, message-get.</summary>
    public IEnumerable<string> RouteNames => _routes.Select(r => r.Name);

    public IReadOnlyList<RecordedRequest> RequestsTo(string routeName) => Requests.Where(r => r.RouteName == routeName).ToList();

    /// <summary>Waits until <paramref name="count"/> requests of <paramref name="routeName"/> arrived; returns them.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(string routeName, int count = 1, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => RequestsTo(routeName).Count >= count, timeout, $"{count} × {routeName}");
        return RequestsTo(routeName);
    }

    /// <summary>
    /// Waits until the bot has sent nothing for <paramref name="quietFor"/>: the point after which a test can say that
    /// something did not happen. A bot still busy (a loaded machine) makes the wait longer rather than the test wrong;
    /// one that never goes quiet within <paramref name="timeout"/> fails it.
    /// </summary>
    public async Task WaitForQuietAsync(TimeSpan quietFor, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var seen = Requests.Count;
        while (true)
        {
            await Task.Delay(quietFor);
            var now = Requests.Count;
            if (now == seen)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"the bot kept sending requests ({now} so far) for longer than {timeout ?? TimeSpan.FromSeconds(30)}");
            }

            seen = now;
        }
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

    /// <summary>
    /// The bot may not post in <paramref name="channelId"/> (no Send Messages there): message creates, typing and
    /// thread starts in it answer 403 with Discord's code 50013 (Missing Permissions).
    /// </summary>
    public void DenyChannel(ulong channelId) => _deniedChannels[channelId] = 50013;

    /// <summary>The ids of the messages stored in one channel (posted by the bot or added by a test), oldest first.</summary>
    public IReadOnlyList<ulong> MessageIdsIn(ulong channelId)
    {
        var channel = channelId.ToString(CultureInfo.InvariantCulture);
        return _messages.Keys.Where(k => k.Item1 == channel).Select(k => ulong.Parse(k.Item2, CultureInfo.InvariantCulture)).Order().ToList();
    }

    /// <summary>A stored message as Discord would return it, or null.</summary>
    public JsonObject? StoredMessage(ulong channelId, ulong messageId) =>
        _messages.TryGetValue((FakePayloads.Id(channelId), FakePayloads.Id(messageId)), out var message) ? (JsonObject)message.DeepClone() : null;

    /// <summary>The DM channel's id with a user, as POST /users/@me/channels returns it (one per user, as Discord keeps it).</summary>
    public static ulong DmChannelOf(ulong userId) => userId + DmChannelOffset;

    private const ulong DmChannelOffset = 1_000_000_000;

    /// <summary>The user takes no DMs from the bot (privacy settings, no shared server): creates in their DM fail with 403 50007.</summary>
    public void CloseDms(ulong userId) => _closedDms[userId] = 0;

    /// <summary>Stores a message so GET /channels/{c}/messages/{m} returns it (reply chains).</summary>
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
        var (response, fault) = route is null ? (new FakeRestResponse(404, Error("404: Not Found", 0)), null) : await HandleRouteAsync(route, path, request, body, context);

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var errorCode = response.Body is JsonObject { } json && json["code"] is JsonValue code && response.Status >= 400 ? code.GetValue<int>() : (int?)null;
        var scripted = fault is not null and not RestFault.Delay;
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(
                request.Method, path, request.QueryString.Value ?? "", route?.Name ?? "", headers, body, response.Status, DateTimeOffset.UtcNow, errorCode, scripted, response.Body?.ToJsonString()));
        }

        if (fault is RestFault.LoseResponse)
        {
            // Discord did the work, but the answer never reaches the bot (a dropped connection, a proxy timeout).
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body.ToJsonString());
        }
    }

    private async Task<(FakeRestResponse Response, RestFault? Fault)> HandleRouteAsync(FakeRoute route, string path, HttpRequest request, string body, HttpContext context)
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
        }

        var now = DateTimeOffset.UtcNow;
        FakeBucket bucket;
        lock (_lock)
        {
            if (!route.ExemptFromGlobal && now < _globalUntil)
            {
                _violations.Add($"{route.Name}: sent during a global rate limit");
                return (GlobalLimited(context, _globalUntil - now), null);
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
                return (BucketLimited(context, route, bucket, now, bucket.ResetAt - now), null);
            }

            switch (fault)
            {
                case RestFault.BucketRateLimited limited:
                    bucket.Exhaust(now, limited.RetryAfter);
                    return (BucketLimited(context, route, bucket, now, limited.RetryAfter), fault);
                case RestFault.GlobalRateLimited global:
                    _globalUntil = now + global.RetryAfter;
                    return (GlobalLimited(context, global.RetryAfter), fault);
                case RestFault.Status status:
                    WriteBucketHeaders(context, route, bucket, now);
                    return (new FakeRestResponse(status.Code, Error($"Scripted {status.Code}", status.ErrorCode)), fault);
            }

            WriteBucketHeaders(context, route, bucket, now);
        }

        var fakeRequest = new FakeRestRequest(match, body, request.Query);
        if (route.PostsInChannel && ulong.TryParse(fakeRequest["major"], CultureInfo.InvariantCulture, out var channel) && _deniedChannels.TryGetValue(channel, out var denial))
        {
            return (new FakeRestResponse(403, Error("Missing Permissions", denial)), fault);
        }

        if (route.PostsInChannel && ulong.TryParse(fakeRequest["major"], CultureInfo.InvariantCulture, out var dm) && dm > DmChannelOffset && _closedDms.ContainsKey(dm - DmChannelOffset))
        {
            return (new FakeRestResponse(403, Error("Cannot send messages to this user", 50007)), fault);
        }

        return (route.Handle(fakeRequest), fault);
    }

    private static FakeRestResponse GlobalLimited(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers["X-RateLimit-Global"] = "true";
        context.Response.Headers["X-RateLimit-Scope"] = "global";
        context.Response.Headers["Retry-After"] = RetryAfterHeader(retryAfter);
        return new FakeRestResponse(429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = Seconds(retryAfter), ["global"] = true, ["code"] = 0 });
    }

    private static FakeRestResponse BucketLimited(HttpContext context, FakeRoute route, FakeBucket bucket, DateTimeOffset now, TimeSpan retryAfter)
    {
        WriteBucketHeaders(context, route, bucket, now);
        context.Response.Headers["Retry-After"] = RetryAfterHeader(retryAfter);
        context.Response.Headers["X-RateLimit-Scope"] = "user";
        return new FakeRestResponse(429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = Seconds(retryAfter), ["global"] = false, ["code"] = 0 });
    }

    // Discord's Retry-After header is whole seconds, rounded up; the body's retry_after has the decimals.
    private static string RetryAfterHeader(TimeSpan retryAfter) => Math.Ceiling(Math.Max(0, retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static void WriteBucketHeaders(HttpContext context, FakeRoute route, FakeBucket bucket, DateTimeOffset now)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Bucket"] = route.Name;
        headers["X-RateLimit-Limit"] = bucket.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = bucket.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = (bucket.ResetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
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
            if (!root.TryGetProperty("data", out root) || root.ValueKind != JsonValueKind.Object || root.TryGetProperty("choices", out _))
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

    private static JsonObject Error(string message, int code) => new() { ["message"] = message, ["code"] = code };

    /// <summary>A snowflake for now, as Discord makes them: later messages have larger ids than earlier interactions.</summary>
    private string NextId()
    {
        lock (_lock)
        {
            var now = (ulong)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - FakeInteractions.DiscordEpochMs) << 22;
            _lastId = Math.Max(_lastId + 1, now);
            return _lastId.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>As Discord: one acknowledgement, within 3 s of the interaction's creation.</summary>
    private FakeRestResponse Callback(FakeRestRequest request)
    {
        var interaction = Interactions.ById(ulong.Parse(request["major"], CultureInfo.InvariantCulture));
        if (interaction is null || interaction.Token != request["token"])
        {
            return new(404, Error("Unknown interaction", 10062));
        }

        var body = request.Json;
        var type = body.GetProperty("type").GetInt32();
        lock (interaction)
        {
            if (interaction.CallbackType is not null)
            {
                return new(400, Error("Interaction has already been acknowledged.", 40060));
            }

            if (DateTimeOffset.UtcNow - interaction.CreatedAt > Interactions.CallbackDeadline)
            {
                return new(404, Error("Unknown interaction", 10062));
            }

            interaction.CallbackType = type;
            var data = body.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var flags = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("flags", out var f) ? f.GetInt32() : 0;
            switch (type)
            {
                case 4:
                    interaction.Original = InteractionMessage(interaction, NextId(), data, flags, original: true);
                    break;
                case 5:
                    interaction.Thinking = true;
                    interaction.Original = InteractionMessage(interaction, NextId(), default, (flags & MessageFlagEphemeral) | MessageFlagLoading, original: true);
                    break;
            }

            StoreVisible(interaction.Original);
        }

        return new(204);
    }

    /// <summary>The token's interaction, or Discord's refusal: unknown before the acknowledgement, invalid after 15 minutes.</summary>
    private FakeRestResponse? Refuse(FakeRestRequest request, out FakeInteraction interaction)
    {
        interaction = Interactions.ByToken(Uri.UnescapeDataString(request["major"]))!;
        if (interaction is null || interaction.CallbackType is null)
        {
            return new(404, Error("Unknown Webhook", 10015));
        }

        return DateTimeOffset.UtcNow - interaction.CreatedAt > Interactions.TokenLifetime ? new(401, Error("Invalid Webhook Token", 50027)) : null;
    }

    private FakeRestResponse EditOriginal(FakeRestRequest request)
    {
        if (Refuse(request, out var interaction) is { } refusal)
        {
            return refusal;
        }

        lock (interaction)
        {
            if (interaction.Original is not { } original)
            {
                return new(404, Error("Unknown Message", 10008));
            }

            var flags = original["flags"]!.GetValue<int>() & MessageFlagEphemeral;
            interaction.Original = InteractionMessage(interaction, original["id"]!.GetValue<string>(), request.Json, flags, original: true);
            interaction.Original["edited_timestamp"] = "2026-01-01T00:00:01.000000+00:00";
            interaction.Thinking = false;
            StoreVisible(interaction.Original);
            return new(200, interaction.Original.DeepClone());
        }
    }

    private FakeRestResponse GetOriginal(FakeRestRequest request)
    {
        if (Refuse(request, out var interaction) is { } refusal)
        {
            return refusal;
        }

        lock (interaction)
        {
            return interaction.Original is { } original ? new(200, original.DeepClone()) : new(404, Error("Unknown Message", 10008));
        }
    }

    private FakeRestResponse DeleteOriginal(FakeRestRequest request)
    {
        if (Refuse(request, out var interaction) is { } refusal)
        {
            return refusal;
        }

        lock (interaction)
        {
            if (interaction.Original is not { } original)
            {
                return new(404, Error("Unknown Message", 10008));
            }

            _messages.TryRemove((original["channel_id"]!.GetValue<string>(), original["id"]!.GetValue<string>()), out _);
            interaction.Original = null;
            interaction.OriginalDeleted = true;
            interaction.Thinking = false;
            return new(204);
        }
    }

    /// <summary>As Discord: the first follow-up after an unedited deferral replaces the "thinking…" message (keeping its visibility).</summary>
    private FakeRestResponse Followup(FakeRestRequest request)
    {
        if (Refuse(request, out var interaction) is { } refusal)
        {
            return refusal;
        }

        var body = request.Json;
        var flags = body.TryGetProperty("flags", out var f) ? f.GetInt32() & MessageFlagEphemeral : 0;
        lock (interaction)
        {
            JsonObject message;
            if (interaction.Thinking && interaction.Original is { } thinking)
            {
                message = InteractionMessage(interaction, thinking["id"]!.GetValue<string>(), body, thinking["flags"]!.GetValue<int>() & MessageFlagEphemeral, original: true);
                interaction.Original = message;
                interaction.Thinking = false;
            }
            else
            {
                message = InteractionMessage(interaction, NextId(), body, flags, original: false);
            }

            interaction.FollowupList.Add(message);
            StoreVisible(message);
            return new(200, message.DeepClone());
        }
    }

    /// <summary>A message an interaction's token posted: in the interaction's channel, by the application's webhook.</summary>
    private static JsonObject InteractionMessage(FakeInteraction interaction, string id, JsonElement body, int flags, bool original)
    {
        var message = FakePayloads.Message(interaction.ChannelId, ulong.Parse(id, CultureInfo.InvariantCulture), FakePayloads.BotUserId, "");
        CopyBody(message, body);
        message["type"] = original && interaction.Type == 2 ? 20 : 0;
        message["flags"] = flags;
        message["webhook_id"] = FakePayloads.Id(FakePayloads.ApplicationId);
        message["application_id"] = FakePayloads.Id(FakePayloads.ApplicationId);
        message["interaction_metadata"] = new JsonObject
        {
            ["id"] = FakePayloads.Id(interaction.Id),
            ["type"] = interaction.Type,
            ["user"] = interaction.User.DeepClone(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = "0" },
        };
        if (interaction.InteractedMessageId is { } interacted)
        {
            message["interaction_metadata"]!["interacted_message_id"] = interacted;
        }

        return message;
    }

    /// <summary>Content, embeds and components of a request body as Discord echoes them (embeds gain their type, components their ids).</summary>
    private static void CopyBody(JsonObject message, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (body.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            message["content"] = content.GetString();
        }

        if (body.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            message["embeds"] = new JsonArray(embeds.EnumerateArray().Select(e =>
            {
                var embed = JsonNode.Parse(e.GetRawText())!.AsObject();
                embed["type"] = "rich";
                return (JsonNode)embed;
            }).ToArray());
        }

        if (body.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            var echoed = JsonNode.Parse(components.GetRawText())!.AsArray();
            var next = 1;
            NumberComponents(echoed, ref next);
            message["components"] = echoed;
        }
    }

    /// <summary>Discord numbers a message's components 1, 2, … depth first when the request gives no ids.</summary>
    private static void NumberComponents(JsonArray components, ref int next)
    {
        foreach (var component in components.Select(c => c!.AsObject()))
        {
            component["id"] ??= next;
            next++;
            if (component["components"] is JsonArray children)
            {
                NumberComponents(children, ref next);
            }
        }
    }

    // Ephemeral messages exist only for their user: a channel read never shows them.
    private void StoreVisible(JsonObject? message)
    {
        if (message is not null && (message["flags"]!.GetValue<int>() & MessageFlagEphemeral) == 0)
        {
            _messages[(message["channel_id"]!.GetValue<string>(), message["id"]!.GetValue<string>())] = (JsonObject)message.DeepClone();
        }
    }

    /// <summary>A thread takes the id of the message it is opened on; none can be opened inside a thread.</summary>
    private FakeRestResponse StartThread(FakeRestRequest request)
    {
        if (_threads.ContainsKey(request["major"]))
        {
            return new(400, Error("Cannot execute action on this channel type", 50024));
        }

        if (!_threads.TryAdd(request["message"], 0))
        {
            return new(400, Error("A thread has already been created for this message", 160004));
        }

        return new(201, new JsonObject
        {
            ["id"] = request["message"],
            ["type"] = 11,
            ["flags"] = 0,
            ["guild_id"] = "400",
            ["parent_id"] = request["major"],
            ["name"] = request.Json.GetProperty("name").GetString(),
            ["owner_id"] = FakePayloads.Id(FakePayloads.BotUserId),
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["archive_timestamp"] = "2026-01-01T00:00:00.000000+00:00",
                ["auto_archive_duration"] = request.Json.GetProperty("auto_archive_duration").GetInt32(),
                ["locked"] = false,
            },
            ["message_count"] = 0,
            ["member_count"] = 1,
            ["total_message_sent"] = 0,
        });
    }

    /// <summary>As Discord: the DM channel with the recipient (a bot cannot open group DMs this way).</summary>
    private static FakeRestResponse CreateDm(FakeRestRequest request)
    {
        if (!request.Json.TryGetProperty("recipient_id", out var recipient) || recipient.ValueKind != JsonValueKind.String
            || !ulong.TryParse(recipient.GetString(), CultureInfo.InvariantCulture, out var userId))
        {
            return new(400, Error("Invalid Form Body", 50035));
        }

        return new(200, new JsonObject
        {
            ["id"] = FakePayloads.Id(DmChannelOf(userId)),
            ["type"] = 1,
            ["flags"] = 0,
            ["last_message_id"] = null,
            ["recipients"] = new JsonArray(FakePayloads.User(userId)),
        });
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
                    return new(200, _messages[(channel, existing)].DeepClone());
                }

                var id = NextId();
                _nonces[(channel, key)] = id;
                return new(200, StoreMessage(channel, id, request.Json));
            }
        }

        return new(200, StoreMessage(channel, NextId(), request.Json));
    }

    private JsonObject StoreMessage(string channelId, string messageId, JsonElement body)
    {
        ulong? repliesTo = body.TryGetProperty("message_reference", out var reference) && reference.TryGetProperty("message_id", out var parent)
            ? ulong.Parse(parent.GetString()!, CultureInfo.InvariantCulture)
            : null;
        var message = FakePayloads.Message(
            ulong.Parse(channelId, CultureInfo.InvariantCulture), ulong.Parse(messageId, CultureInfo.InvariantCulture), FakePayloads.BotUserId, "", repliesTo: repliesTo);
        CopyBody(message, body);
        _messages[(channelId, messageId)] = message;
        return (JsonObject)message.DeepClone();
    }

    private FakeRestResponse EditMessage(FakeRestRequest request)
    {
        var key = (request["major"], request["message"]);
        if (!_messages.TryGetValue(key, out var existing))
        {
            return new(404, Error("Unknown Message", 10008));
        }

        var edited = (JsonObject)existing.DeepClone();
        CopyBody(edited, request.Json);
        edited["edited_timestamp"] = "2026-01-01T00:00:01.000000+00:00";
        _messages[key] = edited;
        return new(200, edited.DeepClone());
    }

    /// <summary>GET /channels/{c}/messages: newest first, at most <c>limit</c> (default 50), only those after <c>after</c> when given.</summary>
    private FakeRestResponse ListMessages(FakeRestRequest request)
    {
        var after = ulong.TryParse(request.Query["after"], CultureInfo.InvariantCulture, out var a) ? a : 0;
        var limit = int.TryParse(request.Query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 100) : 50;
        var channel = request["major"];
        var messages = _messages
            .Where(m => m.Key.Channel == channel && ulong.Parse(m.Key.Message, CultureInfo.InvariantCulture) > after)
            .OrderByDescending(m => ulong.Parse(m.Key.Message, CultureInfo.InvariantCulture))
            .Take(limit)
            .Select(m => m.Value.DeepClone())
            .ToArray();
        return new(200, new JsonArray(messages));
    }

    /// <summary>Registered commands as Discord returns them: ids, version, and every field it always sends.</summary>
    private FakeRestResponse Commands(FakeRestRequest request, string? guildId)
    {
        var commands = JsonNode.Parse(request.Body)!.AsArray();
        return new(200, new JsonArray(commands.Select(c =>
        {
            var command = c!.AsObject();
            var response = new JsonObject
            {
                ["id"] = NextId(),
                ["application_id"] = FakePayloads.Id(FakePayloads.ApplicationId),
                ["version"] = NextId(),
                ["default_member_permissions"] = command["default_member_permissions"] is JsonValue p ? p.ToString() : null,
                ["type"] = command["type"]?.GetValue<int>() ?? 1,
                ["name"] = command["name"]!.GetValue<string>(),
                ["description"] = command["description"]!.GetValue<string>(),
                ["dm_permission"] = true,
                ["nsfw"] = false,
            };
            if (guildId is not null)
            {
                response["guild_id"] = guildId;
            }

            foreach (var field in new[] { "options", "contexts", "integration_types" })
            {
                if (command[field] is { } value)
                {
                    response[field] = value.DeepClone();
                }
            }

            return (JsonNode)response;
        }).ToArray()));
    }

    private List<FakeRoute> BuildRoutes()
    {
        static Regex P(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        return
        [
            new("gateway-bot", "GET", P("^gateway/bot$"), false, false, _ => new(200, new JsonObject
            {
                ["url"] = _gatewayUrl(),
                ["shards"] = 1,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 86_400_000, ["max_concurrency"] = 1 },
            })),
            new("global-commands", "PUT", P(@"^applications/\d+/commands$"), false, false, r => Commands(r, null)),
            new("guild-commands", "PUT", P(@"^applications/\d+/guilds/(?<major>\d+)/commands$"), false, false, r => Commands(r, r["major"])),
            new("interaction-callback", "POST", P(@"^interactions/(?<major>\d+)/(?<token>[^/]+)/callback$"), true, true, Callback),
            new("original-edit", "PATCH", P(@"^webhooks/\d+/(?<major>[^/]+)/messages/@original$"), true, true, EditOriginal),
            new("original-get", "GET", P(@"^webhooks/\d+/(?<major>[^/]+)/messages/@original$"), false, true, GetOriginal),
            new("original-delete", "DELETE", P(@"^webhooks/\d+/(?<major>[^/]+)/messages/@original$"), false, true, DeleteOriginal),
            new("followup", "POST", P(@"^webhooks/\d+/(?<major>[^/]+)$"), true, true, Followup),
            new("message-create", "POST", P(@"^channels/(?<major>\d+)/messages$"), true, false, CreateMessage) { PostsInChannel = true },
            new("message-list", "GET", P(@"^channels/(?<major>\d+)/messages$"), false, false, ListMessages),
            new("message-edit", "PATCH", P(@"^channels/(?<major>\d+)/messages/(?<message>\d+)$"), true, false, EditMessage),
            new("typing", "POST", P(@"^channels/(?<major>\d+)/typing$"), false, false, _ => new(204)) { PostsInChannel = true },
            new("thread-start", "POST", P(@"^channels/(?<major>\d+)/messages/(?<message>\d+)/threads$"), false, false, StartThread) { PostsInChannel = true },
            new("dm-create", "POST", P("^users/@me/channels$"), false, false, CreateDm),
            new("message-get", "GET", P(@"^channels/(?<major>\d+)/messages/(?<message>\d+)$"), false, false,
                r => _messages.TryGetValue((r["major"], r["message"]), out var message) ? new(200, message.DeepClone()) : new(404, Error("Unknown Message", 10008))),
        ];
    }
}
