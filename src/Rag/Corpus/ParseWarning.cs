namespace PaperBot.Rag.Corpus;

/// <summary>An entry that was skipped, and why; the rest of the file is still read.</summary>
public sealed record ParseWarning(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
