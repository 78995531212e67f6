namespace PaperBot.Rag.Corpus;

/// <summary>
/// A corpus file that cannot be read as papers. The message names the file and, where it helps, the line;
/// it is meant for the user, so it never carries a stack trace or parser internals.
/// </summary>
public sealed class CorpusFormatException : PaperBotException
{
    public CorpusFormatException(string path, int? line, string reason)
        : base(FailureKind.Input, line is null ? $"{path}: {reason}" : $"{path}:{line}: {reason}")
    {
        Path = path;
        Line = line;
        Reason = reason;
    }

    public CorpusFormatException()
        : base(FailureKind.Input)
    {
        Path = string.Empty;
        Reason = string.Empty;
    }

    public CorpusFormatException(string message)
        : base(FailureKind.Input, message)
    {
        Path = string.Empty;
        Reason = message;
    }

    public CorpusFormatException(string message, Exception innerException)
        : base(FailureKind.Input, message, innerException)
    {
        Path = string.Empty;
        Reason = message;
    }

    public string Path { get; }

    public int? Line { get; }

    public string Reason { get; }
}
