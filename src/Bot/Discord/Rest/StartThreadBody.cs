namespace PaperBot.Bot.Discord.Rest;

internal sealed record StartThreadBody(string Name, int AutoArchiveDuration);
