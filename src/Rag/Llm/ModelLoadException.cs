namespace PaperBot.Rag.Llm;

/// <summary>A model (or its context) could not be loaded; carries the file and the cause.</summary>
public sealed class ModelLoadException : LlamaException
{
    public ModelLoadException()
    {
        Path = "";
    }

    public ModelLoadException(string message)
        : base(message)
    {
        Path = "";
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    public ModelLoadException(string path, ModelLoadFailure failure, string cause, Exception? innerException = null)
        : base($"Cannot load model '{path}': {cause}", innerException ?? new InvalidOperationException(cause))
    {
        Path = path;
        Failure = failure;
    }

    public string Path { get; }

    public ModelLoadFailure Failure { get; }
}
