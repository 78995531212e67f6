namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>One autocomplete suggestion: what the user sees (1–100 characters) and the option value it fills in.</summary>
public sealed record AutocompleteChoice(string Name, string Value);
