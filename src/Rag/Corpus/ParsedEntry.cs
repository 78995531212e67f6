namespace PaperBot.Rag.Corpus;

/// <summary>A paper read from a file, with the line it starts on so that warnings can point at it.</summary>
public sealed record ParsedEntry(Paper Paper, int Line);
