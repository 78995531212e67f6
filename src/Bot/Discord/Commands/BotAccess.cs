using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PaperBot.Bot.Discord.Commands;

/// <summary>Where the bot answers (Discord:AllowedGuildIds, Discord:AllowedChannelIds; empty = everywhere) and who its admins are.</summary>
public sealed class BotAccess(IOptions<DiscordOptions> options)
{
    private readonly DiscordOptions _options = options.Value;

    // Threads the bot opened for its answers: replies there continue a conversation from an allowed channel.
    private readonly ConcurrentDictionary<ulong, byte> _threads = new();

    /// <summary>Whether the bot answers in this place; a DM has no guild, so a guild list excludes DMs.</summary>
    public bool Allows(ulong? guildId, ulong? channelId)
    {
        if (channelId is { } thread && _threads.ContainsKey(thread))
        {
            return true;
        }

        var guildAllowed = _options.AllowedGuildIds.Count == 0 || (guildId is { } g && _options.AllowedGuildIds.Contains(g));
        var channelAllowed = _options.AllowedChannelIds.Count == 0 || (channelId is { } c && _options.AllowedChannelIds.Contains(c));
        return guildAllowed && channelAllowed;
    }

    public bool IsAdmin(ulong userId) => _options.AdminUserIds.Contains(userId);

    public void AllowThread(ulong threadId) => _threads.TryAdd(threadId, 0);
}
