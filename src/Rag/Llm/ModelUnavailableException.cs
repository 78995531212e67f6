namespace PaperBot.Rag.Llm;

/// <summary>
/// No model can take the request: every configured model server is down or unreachable, or llama.cpp refused the
/// local model. Thrown before any text is produced, so a caller can still answer another way (the extractive answer).
/// </summary>
public sealed class ModelUnavailableException : PaperBotException
{
    public ModelUnavailableException()
        : base(FailureKind.Runtime)
    {
    }

    public ModelUnavailableException(string message)
        : base(FailureKind.Runtime, message)
    {
    }

    public ModelUnavailableException(string message, Exception innerException)
        : base(FailureKind.Runtime, message, innerException)
    {
    }

    /// <summary>
    /// The cause will not change (llama.cpp refused the local model): the user hears of it once, through <see
    /// cref="UnusableModelNotice"/>. Unreachable servers may come back, so each answer they miss says so.
    /// </summary>
    public bool Final { get; init; }
}
