namespace PaperBot.Bot.Discord.Protocol;

/// <summary>Discord refused the bot in a way retrying cannot fix; the message says which setting to change.</summary>
public sealed class DiscordFatalException : Exception
{
    public DiscordFatalException() { }

    public DiscordFatalException(string message) : base(message) { }

    public DiscordFatalException(string message, Exception inner) : base(message, inner) { }

    public DiscordFatalException(string message, int closeCode) : base(message) => CloseCode = closeCode;

    /// <summary>The gateway close code, when the gateway refused the bot.</summary>
    public int? CloseCode { get; }
}
