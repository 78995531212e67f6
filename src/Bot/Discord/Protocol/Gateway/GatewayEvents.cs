namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>Dispatch event names (the frame's <c>t</c>) the bot cares about.</summary>
public static class GatewayEvents
{
    public const string Ready = "READY";
    public const string Resumed = "RESUMED";
    public const string MessageCreate = "MESSAGE_CREATE";
    public const string MessageReactionAdd = "MESSAGE_REACTION_ADD";
    public const string InteractionCreate = "INTERACTION_CREATE";
    public const string GuildCreate = "GUILD_CREATE";
    public const string ChannelCreate = "CHANNEL_CREATE";
    public const string ChannelUpdate = "CHANNEL_UPDATE";
    public const string ThreadCreate = "THREAD_CREATE";
    public const string ThreadUpdate = "THREAD_UPDATE";
    public const string GuildRoleCreate = "GUILD_ROLE_CREATE";
    public const string GuildRoleUpdate = "GUILD_ROLE_UPDATE";
    public const string GuildRoleDelete = "GUILD_ROLE_DELETE";
}
