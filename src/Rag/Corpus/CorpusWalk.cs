namespace PaperBot.Rag.Corpus;

/// <summary>
/// The corpus files a list of paths stands for, each real file once; links that were not followed (a loop, or a
/// target already walked) and folders that could not be read.
/// </summary>
public sealed record CorpusWalk(
    IReadOnlyList<string> Files,
    IReadOnlyList<CorpusWalkNote> LinksNotFollowed,
    IReadOnlyList<CorpusFormatException> UnreadableFolders);

/// <summary>A symbolic link the walk did not follow, and why.</summary>
public sealed record CorpusWalkNote(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
