namespace PaperBot.Bot.Discord.Models;

public sealed record EmbedFooter(string Text);
