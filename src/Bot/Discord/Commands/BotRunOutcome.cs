namespace PaperBot.Bot.Discord.Commands;

/// <summary>Why the bot stopped on its own, for the `discord` command's message and exit code; null while running or after a normal stop.</summary>
public sealed class BotRunOutcome
{
    public DiscordFatalException? Fatal { get; set; }
}
