namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record EmbedField(string Name, string Value, bool Inline = false);
