using System.ComponentModel.DataAnnotations;

namespace PaperBot.Bot.Discord;

/// <summary>The "Discord" configuration section, checked by <see cref="DiscordOptionsValidator"/>.</summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string SectionName = "Discord";

    /// <summary>The bot token from the Developer Portal's Bot page. A secret: never logged or printed.</summary>
    [Required(ErrorMessage = "Discord:Token is required: copy the bot token from the Developer Portal's Bot page.")]
    public string Token { get; set; } = "";

    /// <summary>The application (client) id; needed to register commands and answer interactions.</summary>
    public ulong ApplicationId { get; set; }

    /// <summary>Guilds whose commands are registered per guild (instant); empty registers them globally.</summary>
    public IList<ulong> GuildIds { get; init; } = [];

    /// <summary>Channels the bot answers in; empty allows every channel.</summary>
    public IList<ulong> AllowedChannelIds { get; init; } = [];

    /// <summary>Guilds the bot answers in; empty allows every guild.</summary>
    public IList<ulong> AllowedGuildIds { get; init; } = [];

    /// <summary>Users who skip cooldowns and may run admin commands.</summary>
    public IList<ulong> AdminUserIds { get; init; } = [];

    [Required]
    [Url(ErrorMessage = "Discord:ApiBaseUrl must be an absolute URL.")]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Overrides the gateway URL that GET /gateway/bot would return (tests, proxies).</summary>
    public string? GatewayUrl { get; set; }

    [Range(0, 10_000)]
    public int ShardId { get; set; }

    /// <summary>Total shards; 1 sends no shard array in Identify.</summary>
    [Range(1, 10_000)]
    public int ShardCount { get; set; } = 1;

    /// <summary>Answer @mentions (and replies to the bot's answers) in servers; this needs the privileged Message Content intent.</summary>
    public bool EnableMentions { get; set; }

    /// <summary>Answer direct messages; Discord delivers DM text without the privileged intent.</summary>
    public bool EnableDirectMessages { get; set; }

    /// <summary>
    /// Read 👍/👎 reactions on watch alerts to tune the watch: this adds the (unprivileged) guild and direct
    /// message reaction intents.
    /// </summary>
    public bool EnableWatchReactions { get; set; } = true;

    public bool ReplyInThreads { get; set; }

    /// <summary>Answer in plain message text instead of embeds.</summary>
    public bool PlainText { get; set; }

    [Range(0, 3600)]
    public int CooldownSeconds { get; set; } = 10;

    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 32;

    /// <summary>How often a streamed answer's message is edited; Discord caps edits at about 5 per 5 s.</summary>
    [Range(250, 60_000)]
    public int StreamEditIntervalMs { get; set; } = 1000;

    public ulong? DigestChannelId { get; set; }

    /// <summary>
    /// On Mondays the daily run also posts the digest of the week before: a server with its own schedule on its local
    /// Monday in its digest channels, otherwise (with DigestChannelId and Papers:SyncHourUtc) on Mondays in UTC.
    /// </summary>
    public bool WeeklyDigest { get; set; }

    /// <summary>Identifies the bot in User-Agent; Discord asks for "DiscordBot (url, version)".</summary>
    public string UserAgentUrl { get; set; } = "https://github.com/paperbot/paperbot";

    /// <summary>The rules that span two keys, or that no attribute says.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Not a [Range]: the generated validator compares a ulong range as doubles and drops its message.
        if (ApplicationId == 0)
        {
            yield return new ValidationResult("Discord:ApplicationId is required: copy the Application ID from the Developer Portal.", [nameof(ApplicationId)]);
        }

        if (ShardId >= ShardCount)
        {
            yield return new ValidationResult($"Discord:ShardId must be below Discord:ShardCount ({ShardCount}).", [nameof(ShardId)]);
        }

        if (!string.IsNullOrEmpty(GatewayUrl) && !Uri.TryCreate(GatewayUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Discord:GatewayUrl must be an absolute ws:// or wss:// URL.", [nameof(GatewayUrl)]);
        }
    }

    // The token is a secret: printing options (debuggers, logs of bound config) must not reveal it.
    public override string ToString() =>
        $"DiscordOptions {{ ApplicationId = {ApplicationId}, ApiBaseUrl = {ApiBaseUrl}, GatewayUrl = {GatewayUrl}, " +
        $"Shard = {ShardId}/{ShardCount}, EnableMentions = {EnableMentions}, EnableDirectMessages = {EnableDirectMessages}, Token = {(Token.Length == 0 ? "(empty)" : "(set)")} }}";
}
