using PaperBot.Bot.Discord.Models;

namespace PaperBot.Bot.Discord.Commands;

/// <summary>The slash commands the bot registers, and their names for the handler.</summary>
public static class SlashCommands
{
    public const string Ask = "ask";
    public const string Summarize = "summarize";
    public const string Search = "search";
    public const string Paper = "paper";
    public const string Papers = "papers";
    public const string Sync = "sync";

    /// <summary>Question length cap: long enough for any real question, short enough to keep prompts in budget.</summary>
    public const int MaxQuestionLength = 1000;

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new()
        {
            Name = Ask, Description = "Ask a question about the indexed Daily Papers; the answer cites its sources",
            Options = [Text("question", "Your question", required: true, MaxQuestionLength), Date("Only papers of this day (YYYY-MM-DD)")],
        },
        new() { Name = Summarize, Description = "The digest of one day's papers", Options = [Date("The day (YYYY-MM-DD); default: the latest day")] },
        new() { Name = Search, Description = "Search the indexed papers by keywords", Options = [Text("query", "Keywords", required: true, 200)] },
        new() { Name = Paper, Description = "One paper: title, authors, abstract, link", Options = [Text("id", "The arXiv id, e.g. 2410.01234", required: true, 100)] },
        new() { Name = Papers, Description = "The papers of one day", Options = [Date("The day (YYYY-MM-DD); default: the latest day")] },
        new()
        {
            Name = Sync, Description = "Admins: fetch one day from Hugging Face Daily Papers", Options = [Date("The day (YYYY-MM-DD); default: today")],
            DefaultMemberPermissions = (ulong)Permissions.ManageGuild,
        },
    ];

    private static ApplicationCommandOption Text(string name, string description, bool required, int maxLength) => new()
    {
        Type = ApplicationCommandOptionType.String, Name = name, Description = description, Required = required, MinLength = 1, MaxLength = maxLength,
    };

    private static ApplicationCommandOption Date(string description) => new()
    {
        Type = ApplicationCommandOptionType.String, Name = "date", Description = description, Required = false, MinLength = 10, MaxLength = 10,
    };
}
