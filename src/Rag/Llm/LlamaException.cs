namespace PaperBot.Rag.Llm;

/// <summary>Base of the errors the llama.cpp layer reports.</summary>
public class LlamaException : Exception
{
    public LlamaException()
    {
    }

    public LlamaException(string message)
        : base(message)
    {
    }

    public LlamaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
