namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record EmbedFooter(string Text);
