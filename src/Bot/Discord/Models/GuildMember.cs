namespace PaperBot.Bot.Discord.Models;

public sealed record GuildMember
{
    public DiscordUser? User { get; init; }

    public string? Nick { get; init; }
}
