namespace PaperBot.Bot.Discord.Models;

public sealed record EmbedField(string Name, string Value, bool Inline = false);
