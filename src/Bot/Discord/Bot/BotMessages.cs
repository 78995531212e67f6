namespace PaperBot.Bot.Discord.Bot;

/// <summary>The fixed sentences users see, in one place so handlers and tests agree on them.</summary>
public static class BotMessages
{
    public const string ShuttingDown = "PaperBot is shutting down; ask again in a minute.";
    public const string NotAvailable = "I'm not available here.";
    public const string AdminOnly = "Only PaperBot's admins can run /sync.";
    public const string UnknownCommand = "I don't know that command.";
    public const string Failed = "Sorry, something went wrong while answering; please try again.";
    public const string DeadlineReached = "Stopped here: Discord allows 15 minutes per slash command. Ask again for a shorter answer.";
    public const string EmptyQuestion = "Ask me something about the indexed papers, e.g. \"what is new in speculative decoding?\"";
    public const string Truncated = " …";

    public const string Help = """
        **PaperBot** answers questions about the research papers of Hugging Face Daily Papers, citing the abstracts it used.
        `/ask question [date] [private]` a cited answer (`private`: only you see it)
        `/summarize [date] [period] [private]` the digest of one day, or of its week or month
        `/search query` papers matching keywords
        `/paper id` one paper (type words of its title to pick it)
        `/related id` the papers most related to one (also the "Related papers" buttons under answers and digests)
        `/papers [date]` the papers of one day
        `/trending [period]` the most upvoted papers of the week or the month
        `/sync [date]` fetch a day from Hugging Face (Manage Server)
        `/config show|digest|schedule` this server's digest channels and daily time (Manage Server)
        `/watch add topic [where]` be told when papers on a topic appear; `/watch list|show|mute|remove` manage them, and 👍/👎 on an alert tunes it
        Dates autocomplete with the days that have papers, newest first.
        """;
}
