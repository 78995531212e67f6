namespace PaperBot.Rag.Answering.Prompts;

/// <summary>A prompt file is missing or malformed; the message names the file and what to fix.</summary>
public sealed class PromptException : PaperBotException
{
    public PromptException()
        : base(FailureKind.Runtime)
    {
    }

    public PromptException(string message)
        : base(FailureKind.Runtime, message)
    {
    }

    public PromptException(string message, Exception innerException)
        : base(FailureKind.Runtime, message, innerException)
    {
    }
}
