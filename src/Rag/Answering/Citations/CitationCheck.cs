namespace PaperBot.Rag.Answering.Citations;

/// <summary>An answer after its citations were checked: the cleaned text, the valid source numbers it cites (in order of first use) and how many references were removed.</summary>
public sealed record CitationCheck(string Text, IReadOnlyList<int> Cited, int Dropped);
