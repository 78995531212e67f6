namespace PaperBot.Rag.Index;

/// <summary>The index cannot be opened or used; the message says why and what to do.</summary>
public sealed class IndexException : Exception
{
    public IndexException()
    {
    }

    public IndexException(string message)
        : base(message)
    {
    }

    public IndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
