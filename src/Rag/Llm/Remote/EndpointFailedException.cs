namespace PaperBot.Rag.Llm.Remote;

/// <summary>A server failed before any text of the answer was produced: the request may go to another server.</summary>
internal sealed class EndpointFailedException : PaperBotException
{
    public EndpointFailedException()
        : base(FailureKind.Runtime)
    {
    }

    public EndpointFailedException(string message)
        : base(FailureKind.Runtime, message)
    {
    }

    public EndpointFailedException(string message, Exception innerException)
        : base(FailureKind.Runtime, message, innerException)
    {
    }
}
