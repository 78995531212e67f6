namespace PaperBot.Rag.Llm.Local.Gguf;

/// <summary>A file is not a readable GGUF model; <see cref="Failure"/> says how.</summary>
public sealed class GgufFormatException : IOException
{
    public GgufFormatException()
    {
    }

    public GgufFormatException(string message)
        : base(message)
    {
    }

    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GgufFormatException(ModelLoadFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public ModelLoadFailure Failure { get; }
}
