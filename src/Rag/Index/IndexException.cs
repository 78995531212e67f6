namespace PaperBot.Rag.Index;

/// <summary>The index cannot be opened or used; the message says why and what to do.</summary>
public sealed class IndexException : PaperBotException
{
    public IndexException()
        : base(FailureKind.Input)
    {
    }

    public IndexException(string message)
        : base(FailureKind.Input, message)
    {
    }

    public IndexException(string message, Exception innerException)
        : base(FailureKind.Input, message, innerException)
    {
    }
}
