namespace PaperBot.Rag.Llm;

/// <summary>Base of the errors the llama.cpp layer reports.</summary>
public class LlamaException : PaperBotException
{
    public LlamaException()
        : base(FailureKind.Runtime)
    {
    }

    public LlamaException(string message)
        : base(FailureKind.Runtime, message)
    {
    }

    public LlamaException(string message, Exception innerException)
        : base(FailureKind.Runtime, message, innerException)
    {
    }
}
