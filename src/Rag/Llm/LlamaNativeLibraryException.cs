namespace PaperBot.Rag.Llm;

/// <summary>The llama.cpp shared libraries could not be found or loaded; the message says how to fix it.</summary>
public sealed class LlamaNativeLibraryException : LlamaException
{
    public LlamaNativeLibraryException()
    {
    }

    public LlamaNativeLibraryException(string message)
        : base(message)
    {
    }

    public LlamaNativeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
