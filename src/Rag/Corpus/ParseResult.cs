namespace PaperBot.Rag.Corpus;

/// <summary>What one file yielded: its entries in order, and the entries it had to skip.</summary>
public sealed record ParseResult(IReadOnlyList<ParsedEntry> Entries, IReadOnlyList<ParseWarning> Warnings);
