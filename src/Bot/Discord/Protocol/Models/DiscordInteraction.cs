using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>An INTERACTION_CREATE payload; answer within 3 s, then the token stays valid 15 min.</summary>
public sealed record DiscordInteraction
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong ApplicationId { get; init; }

    public InteractionType Type { get; init; }

    public string Token { get; init; } = "";

    public InteractionData? Data { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? GuildId { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong? ChannelId { get; init; }

    /// <summary>Set in guilds.</summary>
    public GuildMember? Member { get; init; }

    /// <summary>Set in DMs.</summary>
    public DiscordUser? User { get; init; }

    /// <summary>What the bot may do in the interaction's channel (a decimal permission string).</summary>
    public string? AppPermissions { get; init; }

    /// <summary>Where it was invoked: 0 a guild, 1 the bot's DM, 2 another private channel.</summary>
    public int? Context { get; init; }

    /// <summary>The invoking user, wherever the interaction came from.</summary>
    [JsonIgnore]
    public DiscordUser? Invoker => Member?.User ?? User;

    // The token authenticates follow-ups for 15 minutes; keep it out of logs.
    public override string ToString() => $"Interaction {{ Id = {Id}, Type = {Type}, Name = {Data?.Name} }}";
}
