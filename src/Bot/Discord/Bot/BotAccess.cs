using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>Where the bot answers (Discord:AllowedGuildIds, Discord:AllowedChannelIds; empty = everywhere) and who its admins are.</summary>
public sealed class BotAccess(IOptions<DiscordOptions> options, BotThreads threads)
{
    private readonly DiscordOptions _options = options.Value;

    /// <summary>Whether the bot answers in this place; a DM has no guild, so a guild list excludes DMs.</summary>
    public bool Allows(ulong? guildId, ulong? channelId)
    {
        // Threads the bot opened for its answers continue a conversation that began in an allowed channel.
        if (channelId is { } thread && threads.Contains(thread))
        {
            return true;
        }

        var guildAllowed = _options.AllowedGuildIds.Count == 0 || (guildId is { } g && _options.AllowedGuildIds.Contains(g));
        var channelAllowed = _options.AllowedChannelIds.Count == 0 || (channelId is { } c && _options.AllowedChannelIds.Contains(c));
        return guildAllowed && channelAllowed;
    }

    /// <summary>Who may manage a channel's watches: members with Manage Channels there (or Administrator), and Discord:AdminUserIds.</summary>
    public bool CanManageChannel(Protocol.Models.DiscordInteraction interaction) =>
        (interaction.Invoker is { } user && _options.AdminUserIds.Contains(user.Id))
        || (interaction.GuildId is not null && PermissionsText.Parse(interaction.Member?.Permissions)?.Allows(Permissions.ManageChannels) == true);

    /// <summary>Admins: members with Manage Server (or Administrator) where they invoke the command, and Discord:AdminUserIds anywhere.</summary>
    public bool IsAdmin(Protocol.Models.DiscordInteraction interaction) =>
        (interaction.Invoker is { } user && _options.AdminUserIds.Contains(user.Id))
        || (interaction.GuildId is not null && PermissionsText.Parse(interaction.Member?.Permissions)?.Allows(Permissions.ManageGuild) == true);
}
