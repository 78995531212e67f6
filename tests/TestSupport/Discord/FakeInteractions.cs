using System.Globalization;
using System.Text.Json.Nodes;

namespace PaperBot.TestSupport.Discord;

/// <summary>
/// The interactions the fake Discord has sent, shared by its gateway (which creates them) and its REST API
/// (which enforces their rules): one acknowledgement within 3 s of creation, then the token works for 15 min.
/// </summary>
public sealed class FakeInteractions
{
    /// <summary>Discord's epoch for snowflake timestamps: 2015-01-01T00:00:00Z.</summary>
    internal const long DiscordEpochMs = 1_420_070_400_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, FakeInteraction> _byId = [];
    private readonly Dictionary<string, FakeInteraction> _byToken = new(StringComparer.Ordinal);

    /// <summary>How long after creation the first response is accepted (Discord: 3 s).</summary>
    public TimeSpan CallbackDeadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long after creation the token works for edits and follow-ups (Discord: 15 min).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Records an interaction the gateway dispatches.</summary>
    public void Add(JsonObject interaction)
    {
        var id = ulong.Parse(interaction["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var channel = ulong.Parse(interaction["channel_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var user = (interaction["member"]?["user"] ?? interaction["user"])!.DeepClone().AsObject();
        Add(new FakeInteraction(id, interaction["token"]!.GetValue<string>(), channel, interaction["type"]!.GetValue<int>(), user)
        {
            InteractedMessageId = interaction["message"]?["id"]?.GetValue<string>(),
        });
    }

    /// <summary>Records an interaction a test answers through the REST client directly (no gateway involved).</summary>
    public void Add(ulong id, string token, ulong channelId = 300) => Add(new FakeInteraction(id, token, channelId, 2, FakePayloads.User(500)));

    public FakeInteraction? ById(ulong id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public FakeInteraction? ByToken(string token)
    {
        lock (_lock)
        {
            return _byToken.GetValueOrDefault(token);
        }
    }

    public static DateTimeOffset CreatedAt(ulong snowflake) => DateTimeOffset.FromUnixTimeMilliseconds((long)(snowflake >> 22) + DiscordEpochMs);

    private void Add(FakeInteraction interaction)
    {
        lock (_lock)
        {
            _byId[interaction.Id] = interaction;
            _byToken[interaction.Token] = interaction;
        }
    }
}

/// <summary>One interaction: how it was answered and the messages its token posted.</summary>
public sealed class FakeInteraction(ulong id, string token, ulong channelId, int type, JsonObject user)
{
    public ulong Id { get; } = id;

    public string Token { get; } = token;

    public ulong ChannelId { get; } = channelId;

    public int Type { get; } = type;

    public JsonObject User { get; } = user;

    /// <summary>For a MESSAGE_COMPONENT interaction: the message whose component was used.</summary>
    public string? InteractedMessageId { get; init; }

    public DateTimeOffset CreatedAt => FakeInteractions.CreatedAt(Id);

    /// <summary>The callback type of the one accepted acknowledgement; null while unanswered.</summary>
    public int? CallbackType { get; internal set; }

    /// <summary>The original response: null before a message answer or a deferral, and after a delete.</summary>
    public JsonObject? Original { get; internal set; }

    /// <summary>A deferral not yet edited: Discord shows "thinking…", and the first follow-up replaces it.</summary>
    public bool Thinking { get; internal set; }

    /// <summary>Whether the original response was deleted.</summary>
    public bool OriginalDeleted { get; internal set; }

    /// <summary>Every follow-up accepted for this token, in order (a lost response still posted one); a snapshot.</summary>
    public IReadOnlyList<JsonObject> Followups
    {
        get
        {
            lock (this)
            {
                return [.. FollowupList];
            }
        }
    }

    /// <summary>The follow-ups as the fake appends them, under a lock on this interaction.</summary>
    internal List<JsonObject> FollowupList { get; } = [];
}
