namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>The JSON error codes Discord answers with that the bot acts on.</summary>
public static class DiscordErrorCodes
{
    public const int UnknownMessage = 10008;
    public const int UnknownWebhook = 10015;
    public const int UnknownInteraction = 10062;
    public const int MissingAccess = 50001;
    public const int MissingPermissions = 50013;
    public const int InvalidWebhookToken = 50027;
    public const int AlreadyAcknowledged = 40060;
    public const int ThreadAlreadyCreated = 160004;
}
