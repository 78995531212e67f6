namespace PaperBot.Rag.Llm.Remote;

/// <summary>A server failed before any text of the answer was produced: the request may go to another server.</summary>
internal sealed class EndpointFailedException : Exception
{
    public EndpointFailedException()
    {
    }

    public EndpointFailedException(string message)
        : base(message)
    {
    }

    public EndpointFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
