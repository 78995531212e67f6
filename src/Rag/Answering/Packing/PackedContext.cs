namespace PaperBot.Rag.Answering.Packing;

/// <summary>The sources that fit the window, in rank order and numbered from 1, and the text they form together.</summary>
public sealed record PackedContext(IReadOnlyList<NumberedSource> Sources, int SourceTokens, int LeftOut)
{
    public string SourcesText => string.Join("\n\n", Sources.Select(s => s.Block));
}
