using System.Collections.Concurrent;
using System.Text.Json;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// What the bot may do in each guild channel, computed as Discord does from the data the gateway delivers
/// (GUILD_CREATE, channel, thread and role events): the @everyone role and the bot's roles, then the channel's
/// overwrites for @everyone, for those roles, and for the bot itself. A thread takes its parent's permissions.
/// Unknown guilds and channels give null: the bot then tries, and a refusal blocks the channel for a while.
/// </summary>
public sealed class ChannelPermissions
{
    private const Permissions All = (Permissions)ulong.MaxValue;

    private readonly ConcurrentDictionary<ulong, GuildState> _guilds = new();

    // Thread or channel id -> guild id, to find a channel's guild from a message that names only the channel.
    private readonly ConcurrentDictionary<ulong, ulong> _channelGuilds = new();

    /// <summary>Updates the cache from one dispatch; other events are ignored.</summary>
    public void Observe(GatewayDispatch dispatch, ulong botUserId)
    {
        switch (dispatch.EventName)
        {
            case GatewayEvents.GuildCreate when dispatch.As<GuildSnapshot>() is { Unavailable: false } guild:
                var state = new GuildState(guild.OwnerId);
                foreach (var role in guild.Roles)
                {
                    state.Roles[role.Id] = PermissionsText.Parse(role.Permissions) ?? Permissions.None;
                }

                foreach (var channel in guild.Channels.Concat(guild.Threads))
                {
                    state.Channels[channel.Id] = channel;
                    _channelGuilds[channel.Id] = guild.Id;
                }

                state.BotRoles = guild.Members.FirstOrDefault(m => m.User?.Id == botUserId)?.Roles ?? [];
                _guilds[guild.Id] = state;
                break;
            case GatewayEvents.ChannelCreate or GatewayEvents.ChannelUpdate or GatewayEvents.ThreadCreate or GatewayEvents.ThreadUpdate
                when dispatch.As<GuildChannel>() is { GuildId: { } guildId } channel && _guilds.TryGetValue(guildId, out var owner):
                owner.Channels[channel.Id] = channel;
                _channelGuilds[channel.Id] = guildId;
                break;
            case GatewayEvents.GuildRoleCreate or GatewayEvents.GuildRoleUpdate
                when dispatch.As<GuildRoleEvent>() is { Role: { } role } update && _guilds.TryGetValue(update.GuildId, out var roleGuild):
                roleGuild.Roles[role.Id] = PermissionsText.Parse(role.Permissions) ?? Permissions.None;
                break;
            case GatewayEvents.GuildRoleDelete when ReadIds(dispatch.Data, "guild_id", "role_id") is ({ } g, { } r) && _guilds.TryGetValue(g, out var deleted):
                deleted.Roles.TryRemove(r, out _);
                break;
        }
    }

    /// <summary>The bot's permissions in <paramref name="channelId"/> of <paramref name="guildId"/>; null when the gateway has not described them.</summary>
    public Permissions? For(ulong guildId, ulong channelId, ulong botUserId)
    {
        if (!_guilds.TryGetValue(guildId, out var guild) || !guild.Channels.TryGetValue(channelId, out var channel))
        {
            return null;
        }

        if (channel.ParentId is { } parent && channel.Type is 10 or 11 or 12)
        {
            // A thread has no overwrites of its own: its parent's apply.
            return guild.Channels.ContainsKey(parent) ? For(guildId, parent, botUserId) : null;
        }

        if (guild.OwnerId == botUserId)
        {
            return All;
        }

        var granted = guild.Roles.GetValueOrDefault(guildId);
        foreach (var role in guild.BotRoles)
        {
            granted |= guild.Roles.GetValueOrDefault(role);
        }

        if ((granted & Permissions.Administrator) != 0)
        {
            return All;
        }

        var overwrites = channel.PermissionOverwrites;
        granted = Apply(granted, overwrites.Where(o => o.Type == 0 && o.Id == guildId));
        granted = Apply(granted, overwrites.Where(o => o.Type == 0 && o.Id != guildId && guild.BotRoles.Contains(o.Id)));
        return Apply(granted, overwrites.Where(o => o.Type == 1 && o.Id == botUserId));
    }

    /// <summary>
    /// False only when the gateway described the channel and the bot lacks View Channel or Send Messages there (in a
    /// thread, Send Messages in Threads): unknown channels are tried, and a refusal tells.
    /// </summary>
    public bool MaySend(ulong guildId, ulong channelId, ulong botUserId) =>
        For(guildId, channelId, botUserId) is not { } granted
        || granted.Allows(Permissions.ViewChannel | (IsThread(channelId) ? Permissions.SendMessagesInThreads : Permissions.SendMessages));

    /// <summary>Whether <paramref name="channelId"/> is a thread the gateway described (it needs Send Messages in Threads, not Send Messages).</summary>
    public bool IsThread(ulong channelId) =>
        _channelGuilds.TryGetValue(channelId, out var guildId) && _guilds.TryGetValue(guildId, out var guild)
        && guild.Channels.TryGetValue(channelId, out var channel) && channel.Type is 10 or 11 or 12;

    /// <summary>All overwrites of one kind together: their denies first, then their allows.</summary>
    private static Permissions Apply(Permissions granted, IEnumerable<PermissionOverwrite> overwrites)
    {
        var allow = Permissions.None;
        var deny = Permissions.None;
        foreach (var overwrite in overwrites)
        {
            allow |= PermissionsText.Parse(overwrite.Allow) ?? Permissions.None;
            deny |= PermissionsText.Parse(overwrite.Deny) ?? Permissions.None;
        }

        return (granted & ~deny) | allow;
    }

    private static (ulong?, ulong?) ReadIds(JsonElement data, string first, string second)
    {
        static ulong? Read(JsonElement data, string name) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && ulong.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

        return (Read(data, first), Read(data, second));
    }

    private sealed class GuildState(ulong ownerId)
    {
        public ulong OwnerId { get; } = ownerId;

        public ConcurrentDictionary<ulong, Permissions> Roles { get; } = new();

        public ConcurrentDictionary<ulong, GuildChannel> Channels { get; } = new();

        public IReadOnlyList<ulong> BotRoles { get; set; } = [];
    }
}
