namespace PaperBot.Bot.Discord;

public static class DiscordIntentsSelector
{
    /// <summary>Only mentions need message text; slash commands work without the privileged intent.</summary>
    public static DiscordIntents For(DiscordOptions options)
    {
        var intents = DiscordIntents.Guilds | DiscordIntents.GuildMessages | DiscordIntents.DirectMessages;
        return options.EnableMentions ? intents | DiscordIntents.MessageContent : intents;
    }
}
