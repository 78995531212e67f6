using PaperBot.Rag;

namespace PaperBot.Bot.Cli;

/// <summary>
/// The command line itself is wrong (options that exclude each other, a value out of its range) in a way only
/// the command's body can tell: exit 1, like the parser's own errors.
/// </summary>
public sealed class UsageException : PaperBotException
{
    public UsageException()
        : base(FailureKind.Usage)
    {
    }

    public UsageException(string message)
        : base(FailureKind.Usage, message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(FailureKind.Usage, message, innerException)
    {
    }
}
