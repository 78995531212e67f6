using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PaperBot.TestSupport.Discord;

/// <summary>
/// The gateway half of the fake Discord. It follows the protocol (Hello, heartbeat ACKs, READY with a session and
/// resume URL, RESUMED with replay, 4002/4004/4005/4008 for broken rules, 4009 for a connection that stops
/// heartbeating), delivers message content only as the Message Content intent allows, records every frame the bot
/// sends, and lets a test script faults and inject dispatches on the newest connection.
/// </summary>
public sealed class FakeGateway
{
    public const int MaxFrameBytes = 4096;

    private const int GuildMessagesIntent = 1 << 9;
    private const int GuildMessageReactionsIntent = 1 << 10;
    private const int DirectMessagesIntent = 1 << 12;
    private const int DirectMessageReactionsIntent = 1 << 13;
    private const int MessageContentIntent = 1 << 15;

    private readonly Lock _lock = new();
    private readonly List<ReceivedFrame> _frames = [];
    private readonly List<GatewayConnectionRecord> _connections = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, FakeSession> _sessions = [];
    private readonly Func<string> _baseUrl;
    private FakeGatewayConnection? _current;
    private int _sessionCounter;

    internal FakeGateway(string token, Func<string> baseUrl, FakeInteractions interactions)
    {
        Token = token;
        _baseUrl = baseUrl;
        Interactions = interactions;
    }

    public string Token { get; }

    /// <summary>The interactions dispatched so far; the REST half enforces their deadlines.</summary>
    public FakeInteractions Interactions { get; }

    /// <summary>
    /// How long a connection may go without a heartbeat before the fake closes it with 4009 (session timed out);
    /// by default two intervals plus 3 s, generous enough for a loaded test machine.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>The heartbeat_interval sent in Hello.</summary>
    public int HeartbeatIntervalMs { get; set; } = 1000;

    /// <summary>False turns every connection into a zombie: beats get no op 11.</summary>
    public bool AckHeartbeats { get; set; } = true;

    /// <summary>False leaves Identify and Resume unanswered (no READY/RESUMED).</summary>
    public bool AnswerAuthentication { get; set; } = true;

    /// <summary>How long the fake waits before answering Identify or Resume (READY/RESUMED).</summary>
    public TimeSpan AuthenticationDelay { get; set; }

    /// <summary>Closes the connection with this code on the next Identify (e.g. 4014), then resets to null.</summary>
    public int? CloseOnNextIdentify { get; set; }

    public IReadOnlyList<ReceivedFrame> Frames { get { lock (_lock) { return [.. _frames]; } } }

    public IReadOnlyList<GatewayConnectionRecord> Connections { get { lock (_lock) { return [.. _connections]; } } }

    /// <summary>Protocol rules the bot broke (oversized frames, send rate, double Identify, wrong token).</summary>
    public IReadOnlyList<string> Violations { get { lock (_lock) { return [.. _violations]; } } }

    public IReadOnlyList<ReceivedFrame> FramesWithOp(int op) => Frames.Where(f => f.Op == op).ToList();

    /// <summary>Closes the newest connection with <paramref name="code"/>.</summary>
    public Task CloseAsync(int code, string reason = "scripted close") => Current().CloseAsync(code, reason);

    /// <summary>Sends a non-dispatch op (1 heartbeat request, 7 reconnect, 9 invalid session...) on the newest connection.</summary>
    public Task SendOpAsync(int op, object? data = null) => Current().SendOpAsync(op, data);

    /// <summary>Drops the newest connection without a close frame (a network failure).</summary>
    public void Drop() => Current().Abort();

    /// <summary>Whether the newest connection is open and holds a session, so a dispatch can be sent now.</summary>
    public bool HasSession
    {
        get
        {
            lock (_lock)
            {
                return _current is { IsOpen: true, Session: not null };
            }
        }
    }

    /// <summary>Sends any text, e.g. malformed JSON.</summary>
    public Task SendRawAsync(string text) => Current().SendTextAsync(text);

    /// <summary>
    /// Sends a dispatch with the session's next sequence number; returns that number, or 0 when the session's
    /// intents exclude the event (a guild or direct message, or a reaction on one, without its intent). As Discord does, a message's
    /// content, embeds, attachments and components arrive empty without the Message Content intent, except in
    /// DMs, in messages that mention the bot, and in the bot's own messages.
    /// </summary>
    public async Task<int> DispatchAsync(string eventName, object data)
    {
        var connection = Current();
        var session = connection.Session ?? throw new InvalidOperationException("The newest connection has no session yet.");
        if (eventName == "MESSAGE_CREATE" && data is JsonObject message)
        {
            if (ForIntents(message, session.Intents) is not { } delivered)
            {
                return 0;
            }

            data = delivered;
        }

        if (eventName == "MESSAGE_REACTION_ADD" && data is JsonObject reaction
            && (session.Intents & (reaction.ContainsKey("guild_id") ? GuildMessageReactionsIntent : DirectMessageReactionsIntent)) == 0)
        {
            return 0;
        }

        string frame;
        int sequence;
        lock (_lock)
        {
            sequence = ++session.Sequence;
            frame = JsonSerializer.Serialize(new { op = 0, d = data, s = sequence, t = eventName });
            session.Sent.Add((sequence, frame));
        }

        await connection.SendTextAsync(frame);
        return sequence;
    }

    public Task<int> InjectMessageCreateAsync(ulong channelId, ulong messageId, ulong authorId, string content, ulong? guildId = null, IEnumerable<ulong>? mentions = null) =>
        DispatchAsync("MESSAGE_CREATE", FakePayloads.Message(channelId, messageId, authorId, content, guildId, mentions: mentions));

    /// <summary>Dispatches an interaction and registers it, so the REST half holds its answers to Discord's rules.</summary>
    public Task<int> InjectInteractionAsync(JsonObject interaction)
    {
        Interactions.Add(interaction);
        return DispatchAsync("INTERACTION_CREATE", interaction);
    }

    private static JsonObject? ForIntents(JsonObject message, int intents)
    {
        var inGuild = message.ContainsKey("guild_id");
        if ((intents & (inGuild ? GuildMessagesIntent : DirectMessagesIntent)) == 0)
        {
            return null;
        }

        var botId = FakePayloads.Id(FakePayloads.BotUserId);
        var mentionsBot = message["mentions"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == botId);
        var fromBot = message["author"]!["id"]!.GetValue<string>() == botId;
        if ((intents & MessageContentIntent) != 0 || !inGuild || mentionsBot || fromBot)
        {
            return message;
        }

        var blanked = (JsonObject)message.DeepClone();
        blanked["content"] = "";
        blanked["embeds"] = new JsonArray();
        blanked["attachments"] = new JsonArray();
        blanked["components"] = new JsonArray();
        blanked.Remove("poll");
        return blanked;
    }

    /// <summary>Waits for the bot's connection number <paramref name="index"/> (0-based) to hold a session (READY or RESUMED sent).</summary>
    public Task WaitForSessionAsync(int index, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Connections.Count > index && (Connections[index].Identified || Connections[index].Resumed) && CurrentHasSession(index), timeout, $"connection {index} to hold a session");

    internal async Task HandleAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        GatewayConnectionRecord record;
        lock (_lock)
        {
            record = new GatewayConnectionRecord(_connections.Count, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "");
            _connections.Add(record);
        }

        var connection = new FakeGatewayConnection(socket, record);
        lock (_lock)
        {
            _current = connection;
        }

        if (!record.Query.Contains("v=10", StringComparison.Ordinal) || !record.Query.Contains("encoding=json", StringComparison.Ordinal))
        {
            await connection.CloseAsync(4012, "Invalid API version");
        }
        else
        {
            connection.LastHeartbeat = DateTimeOffset.UtcNow;
            await connection.SendOpAsync(10, new { heartbeat_interval = HeartbeatIntervalMs });
        }

        using var stop = new CancellationTokenSource();
        var watchdog = WatchHeartbeatsAsync(connection, stop.Token);
        while (await connection.ReceiveAsync() is { } bytes)
        {
            await HandleFrameAsync(connection, bytes);
        }

        record.Ended = true;
        await stop.CancelAsync();
        await watchdog;
    }

    /// <summary>As Discord: a connection whose heartbeats stop is closed with 4009, and its session ends.</summary>
    private async Task WatchHeartbeatsAsync(FakeGatewayConnection connection, CancellationToken stop)
    {
        try
        {
            while (connection.IsOpen)
            {
                var interval = TimeSpan.FromMilliseconds(HeartbeatIntervalMs);
                var timeout = HeartbeatTimeout ?? (interval * 2) + TimeSpan.FromSeconds(3);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds, 250)), stop);
                if (DateTimeOffset.UtcNow - connection.LastHeartbeat > timeout)
                {
                    if (connection.Session is { } session)
                    {
                        lock (_lock)
                        {
                            _sessions.Remove(session.Id);
                        }
                    }

                    await connection.CloseAsync(4009, "Session timed out");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task HandleFrameAsync(FakeGatewayConnection connection, byte[] bytes)
    {
        var record = connection.Record;
        if (bytes.Length > MaxFrameBytes)
        {
            Violate($"connection {record.Index}: a {bytes.Length}-byte frame");
            await connection.CloseAsync(4002, "Decode error");
            return;
        }

        if (!connection.CountReceived(DateTimeOffset.UtcNow))
        {
            Violate($"connection {record.Index}: more than 120 frames in 60 s");
            await connection.CloseAsync(4008, "Rate limited");
            return;
        }

        JsonElement root;
        int op;
        try
        {
            root = JsonDocument.Parse(bytes).RootElement.Clone();
            op = root.GetProperty("op").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Violate($"connection {record.Index}: an undecodable frame");
            await connection.CloseAsync(4002, "Decode error");
            return;
        }

        var data = root.TryGetProperty("d", out var d) ? d : default;
        lock (_lock)
        {
            _frames.Add(new ReceivedFrame(record.Index, op, data, Encoding.UTF8.GetString(bytes), DateTimeOffset.UtcNow));
        }

        if (op == 1)
        {
            connection.LastHeartbeat = DateTimeOffset.UtcNow;
        }

        switch (op)
        {
            case 1 when AckHeartbeats:
                await connection.SendOpAsync(11, null);
                break;
            case 2:
                await IdentifyAsync(connection, data);
                break;
            case 6:
                await ResumeAsync(connection, data);
                break;
        }
    }

    private async Task IdentifyAsync(FakeGatewayConnection connection, JsonElement data)
    {
        var record = connection.Record;
        if (record.Identified)
        {
            Violate($"connection {record.Index}: a second Identify");
            await connection.CloseAsync(4005, "Already authenticated");
            return;
        }

        if (data.GetProperty("token").GetString() != Token)
        {
            await connection.CloseAsync(4004, "Authentication failed");
            return;
        }

        if (CloseOnNextIdentify is { } code)
        {
            CloseOnNextIdentify = null;
            await connection.CloseAsync(code, "scripted identify close");
            return;
        }

        record.Identified = true;
        await Task.Delay(AuthenticationDelay);
        if (!AnswerAuthentication)
        {
            return;
        }

        FakeSession session;
        lock (_lock)
        {
            session = new FakeSession($"session-{++_sessionCounter}")
            {
                Intents = data.TryGetProperty("intents", out var intents) && intents.ValueKind == JsonValueKind.Number ? intents.GetInt32() : 0,
            };
            _sessions[session.Id] = session;
        }

        connection.Session = session;
        await DispatchAsync("READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = FakePayloads.User(FakePayloads.BotUserId, "paperbot", bot: true),
            ["guilds"] = new JsonArray(),
            ["session_id"] = session.Id,
            ["resume_gateway_url"] = _baseUrl() + "/resume",
            ["application"] = new JsonObject { ["id"] = FakePayloads.Id(FakePayloads.ApplicationId), ["flags"] = 0 },
        });
    }

    private async Task ResumeAsync(FakeGatewayConnection connection, JsonElement data)
    {
        if (data.GetProperty("token").GetString() != Token)
        {
            await connection.CloseAsync(4004, "Authentication failed");
            return;
        }

        await Task.Delay(AuthenticationDelay);
        if (!AnswerAuthentication)
        {
            return;
        }

        FakeSession? session;
        lock (_lock)
        {
            _sessions.TryGetValue(data.GetProperty("session_id").GetString() ?? "", out session);
        }

        if (session is null)
        {
            await connection.SendOpAsync(9, false);
            return;
        }

        connection.Session = session;
        connection.Record.Resumed = true;
        var clientSequence = data.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number ? seq.GetInt32() : 0;
        List<string> missed;
        lock (_lock)
        {
            missed = session.Sent.Where(s => s.Sequence > clientSequence).Select(s => s.Frame).ToList();
        }

        foreach (var frame in missed)
        {
            await connection.SendTextAsync(frame);
        }

        await DispatchAsync("RESUMED", new { });
    }

    /// <summary>Forgets every session so the next Resume gets op 9 false.</summary>
    public void ForgetSessions()
    {
        lock (_lock)
        {
            _sessions.Clear();
        }
    }

    private bool CurrentHasSession(int index)
    {
        lock (_lock)
        {
            return _current is { } c && c.Record.Index == index && c.Session is not null;
        }
    }

    private FakeGatewayConnection Current()
    {
        lock (_lock)
        {
            return _current ?? throw new InvalidOperationException("The bot has not connected yet.");
        }
    }

    private void Violate(string violation)
    {
        lock (_lock)
        {
            _violations.Add(violation);
        }
    }
}
