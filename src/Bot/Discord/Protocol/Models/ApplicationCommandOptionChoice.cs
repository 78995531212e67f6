namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>One fixed value of a command option: what the user sees (1–100 characters) and the value the bot gets.</summary>
public sealed record ApplicationCommandOptionChoice(string Name, string Value);
