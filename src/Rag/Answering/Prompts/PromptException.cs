namespace PaperBot.Rag.Answering.Prompts;

/// <summary>A prompt file is missing or malformed; the message names the file and what to fix.</summary>
public sealed class PromptException : Exception
{
    public PromptException()
    {
    }

    public PromptException(string message)
        : base(message)
    {
    }

    public PromptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
