using PaperBot.Rag;

namespace PaperBot.Bot.Discord.Protocol;

/// <summary>Discord refused the bot in a way retrying cannot fix; the message says which setting to change.</summary>
public sealed class DiscordFatalException : PaperBotException
{
    public DiscordFatalException() : base(FailureKind.Runtime) { }

    public DiscordFatalException(string message) : base(FailureKind.Runtime, message) { }

    public DiscordFatalException(string message, Exception inner) : base(FailureKind.Runtime, message, inner) { }

    public DiscordFatalException(string message, int closeCode) : base(FailureKind.Runtime, message) => CloseCode = closeCode;

    /// <summary>The gateway close code, when the gateway refused the bot.</summary>
    public int? CloseCode { get; }
}
