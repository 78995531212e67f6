namespace PaperBot.Bot.Discord.Protocol.Rest;

internal sealed record StartThreadBody(string Name, int AutoArchiveDuration);
