namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record EmbedAuthor(string Name);
