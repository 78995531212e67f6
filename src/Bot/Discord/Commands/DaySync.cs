namespace PaperBot.Bot.Discord.Commands;

/// <summary>What syncing one day from the Daily Papers API did.</summary>
public sealed record DaySync(DateOnly Day, int Fetched, int Added, int Updated);
