using PaperBot.Bot.Discord.Protocol;

namespace PaperBot.Bot.Discord.Bot;

public static class DiscordIntentsSelector
{
    /// <summary>
    /// Only what the enabled features read: guilds always (channels, roles and overwrites for permissions),
    /// guild messages and the privileged Message Content intent for mentions, direct messages for DMs, reactions
    /// for the feedback on watch alerts. Slash commands need no intent.
    /// </summary>
    public static DiscordIntents For(DiscordOptions options)
    {
        var intents = DiscordIntents.Guilds;
        if (options.EnableMentions)
        {
            intents |= DiscordIntents.GuildMessages | DiscordIntents.MessageContent;
        }

        if (options.EnableDirectMessages)
        {
            intents |= DiscordIntents.DirectMessages;
        }

        if (options.EnableWatchReactions)
        {
            intents |= DiscordIntents.GuildMessageReactions | DiscordIntents.DirectMessageReactions;
        }

        return intents;
    }
}
