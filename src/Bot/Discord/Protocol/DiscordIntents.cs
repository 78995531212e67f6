namespace PaperBot.Bot.Discord.Protocol;

[Flags]
public enum DiscordIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMessages = 1 << 9,
    GuildMessageReactions = 1 << 10,
    DirectMessages = 1 << 12,
    DirectMessageReactions = 1 << 13,

    /// <summary>Privileged: must be enabled on the Developer Portal's Bot page, or the gateway closes with 4014.</summary>
    MessageContent = 1 << 15,
}
