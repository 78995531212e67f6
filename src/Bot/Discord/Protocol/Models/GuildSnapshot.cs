using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>The parts of GUILD_CREATE that decide the bot's permissions: owner, roles, channels with overwrites, threads, the bot's member.</summary>
public sealed record GuildSnapshot
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong Id { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong OwnerId { get; init; }

    public bool Unavailable { get; init; }

    public IReadOnlyList<GuildRole> Roles { get; init; } = [];

    public IReadOnlyList<GuildChannel> Channels { get; init; } = [];

    public IReadOnlyList<GuildChannel> Threads { get; init; } = [];

    public IReadOnlyList<GuildMember> Members { get; init; } = [];
}

public sealed record GuildRole
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong Id { get; init; }

    public string Permissions { get; init; } = "0";
}

/// <summary>A guild channel or thread (CHANNEL_CREATE/UPDATE, THREAD_CREATE, or inside GUILD_CREATE).</summary>
public sealed record GuildChannel
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong Id { get; init; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong? GuildId { get; init; }

    /// <summary>For a thread, the channel it lives in.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong? ParentId { get; init; }

    public int Type { get; init; }

    public IReadOnlyList<PermissionOverwrite> PermissionOverwrites { get; init; } = [];
}

/// <summary>Allow and deny bits for a role (type 0) or a member (type 1) on one channel.</summary>
public sealed record PermissionOverwrite
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong Id { get; init; }

    public int Type { get; init; }

    public string Allow { get; init; } = "0";

    public string Deny { get; init; } = "0";
}

/// <summary>GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE.</summary>
public sealed record GuildRoleEvent
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public ulong GuildId { get; init; }

    public GuildRole? Role { get; init; }
}
