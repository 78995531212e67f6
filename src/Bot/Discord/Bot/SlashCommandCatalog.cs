using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>The slash commands the bot registers, and their names for the handler.</summary>
public static class SlashCommandCatalog
{
    public const string Ask = "ask";
    public const string Summarize = "summarize";
    public const string Search = "search";
    public const string Paper = "paper";
    public const string Papers = "papers";
    public const string Sync = "sync";
    public const string Trending = "trending";
    public const string Watch = "watch";
    public const string Config = "config";
    public const string Related = "related";

    /// <summary>Question length cap: long enough for any real question, short enough to keep prompts in budget.</summary>
    public const int MaxQuestionLength = 1000;

    public const string Help = "help";

    /// <summary>The boolean option that makes an answer visible only to the one who asked.</summary>
    public const string PrivateOption = "private";

    // Guild channels and the bot's DM, for a bot installed to a guild.
    private static readonly int[] Contexts = [0, 1];
    private static readonly int[] GuildInstall = [0];

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        Command(Ask, "Ask a question about the indexed Daily Papers; the answer cites its sources",
            [Text("question", "Your question", required: true, MaxQuestionLength), Date("Only papers of this day (YYYY-MM-DD)"), Private()]),
        Command(Summarize, "The digest of one day's papers, or of its week or month", [Date("The day (YYYY-MM-DD); default: the latest day"), new ApplicationCommandOption
        {
            Type = ApplicationCommandOptionType.String, Name = "period", Description = "The day (default), or the ISO week or month it falls in", Required = false,
            Choices = [new("day", "day"), new("week", "week"), new("month", "month")],
        }, Private()]),
        Command(Search, "Search the indexed papers by keywords", [Text("query", "Keywords", required: true, 200)]),
        Command(Paper, "One paper: title, authors, abstract, link", [Text("id", "The arXiv id, e.g. 2410.01234, or words of its title", required: true, 100) with { Autocomplete = true }]),
        Command(Related, "The papers most related to one paper, with their day and what they share",
            [Text("id", "The arXiv id, e.g. 2410.01234, or words of its title", required: true, 100) with { Autocomplete = true }]),
        Command(Papers, "The papers of one day", [Date("The day (YYYY-MM-DD); default: the latest day")]),
        Command(Trending, "The most upvoted papers of the week or month up to the latest day", [new ApplicationCommandOption
        {
            Type = ApplicationCommandOptionType.String, Name = "period", Description = "The week (default) or the month", Required = false,
            Choices = [new("week", "week"), new("month", "month")],
        }]),
        Command(Sync, "Admins: fetch one day from Hugging Face Daily Papers", [Date("The day (YYYY-MM-DD); default: today")]) with
        {
            // Only members with Manage Server see it by default; server admins can change that in Integrations.
            DefaultMemberPermissions = (ulong)Permissions.ManageGuild,
        },
        Command(Help, "What PaperBot can do and how to ask", []),
        // Everyone may keep watches of their own; a channel's need Manage Channels, checked when the command runs.
        Command(Watch, "Be told when papers on a topic appear", [
            Sub("add", "Watch a topic: new papers on it come by DM, or to this channel", [
                Text("topic", "The topic in plain words, e.g. making LLM agents use tools reliably", required: true, Rag.Watches.WatchStore.MaxTopicLength),
                new ApplicationCommandOption
                {
                    Type = ApplicationCommandOptionType.String, Name = "where", Description = "Your DMs (default) or this channel (Manage Channels)", Required = false,
                    Choices = [new("my DMs", "me"), new("this channel", "channel")],
                },
                Text("must", "Words every match must contain, comma-separated", required: false, 200),
                Text("exclude", "Words no match may contain, comma-separated", required: false, 200),
                Text("authors", "Authors whose papers always match, comma-separated", required: false, 200),
                Text("orgs", "Hugging Face organizations whose papers always match, comma-separated", required: false, 200)]),
            Sub("list", "Your watches and this channel's", []),
            Sub("show", "What a watch looks for now", [WatchId()]),
            Sub("remove", "Remove a watch and its history", [WatchId()]),
            Sub("mute", "Pause a watch's alerts, or resume them", [WatchId(), new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Boolean, Name = "muted", Description = "True (default) pauses, false resumes", Required = false,
            }]),
        ]),
        Command(Config, "Admins: this server's digest channels and the time of its daily sync and digest", [
            Sub("show", "This server's settings", []),
            Sub("digest", "Post the daily digest in a channel, or stop", [
                new ApplicationCommandOption { Type = ApplicationCommandOptionType.Channel, Name = "channel", Description = "The channel", Required = true },
                new ApplicationCommandOption { Type = ApplicationCommandOptionType.Boolean, Name = "remove", Description = "True to stop posting there", Required = false }]),
            Sub("schedule", "When this server's daily sync and digest run", [
                Text("time", "The local time, HH:MM (24-hour)", required: true, 5),
                Text("timezone", "An IANA time zone, e.g. Europe/Paris (default UTC)", required: false, 64)]),
        ]) with
        {
            DefaultMemberPermissions = (ulong)Permissions.ManageGuild,
        },
    ];

    private static ApplicationCommand Command(string name, string description, ApplicationCommandOption[] options) => new()
    {
        Name = name, Description = description, Options = options.Length == 0 ? null : options, Contexts = Contexts, IntegrationTypes = GuildInstall,
    };

    private static ApplicationCommandOption Text(string name, string description, bool required, int maxLength) => new()
    {
        Type = ApplicationCommandOptionType.String, Name = name, Description = description, Required = required, MinLength = 1, MaxLength = maxLength,
    };

    private static ApplicationCommandOption Date(string description) => new()
    {
        Type = ApplicationCommandOptionType.String, Name = "date", Description = description, Required = false, MinLength = 10, MaxLength = 10, Autocomplete = true,
    };

    private static ApplicationCommandOption Sub(string name, string description, ApplicationCommandOption[] options) => new()
    {
        Type = ApplicationCommandOptionType.SubCommand, Name = name, Description = description, Options = options.Length == 0 ? null : options,
    };

    private static ApplicationCommandOption WatchId() =>
        Text("id", "The watch (type words of its topic to pick it)", required: true, 40) with { Autocomplete = true };

    private static ApplicationCommandOption Private() => new()
    {
        Type = ApplicationCommandOptionType.Boolean, Name = PrivateOption, Description = "Show the answer only to you", Required = false,
    };
}
