namespace PaperBot.Bot.Discord.Protocol.Gateway;

public enum GatewayCloseAction
{
    /// <summary>Reconnect and resume the session.</summary>
    Resume,

    /// <summary>Reconnect and identify: the session is gone.</summary>
    NewSession,

    /// <summary>A configuration problem; retrying cannot help.</summary>
    Fatal,
}
