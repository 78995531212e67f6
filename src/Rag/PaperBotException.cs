namespace PaperBot.Rag;

/// <summary>
/// Base of every failure PaperBot reports to its user. Its <see cref="Kind"/> says whose move it is, and so the
/// exit code: the user's (a mistake on the command line, or input, data or configuration to fix) or the machine's
/// (a model, a server or the network failed). The message is shown as is, so it says what to do.
/// </summary>
public abstract class PaperBotException : Exception
{
    protected PaperBotException(FailureKind kind)
    {
        Kind = kind;
    }

    protected PaperBotException(FailureKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    protected PaperBotException(FailureKind kind, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public FailureKind Kind { get; }
}
