namespace PaperBot.Rag.Index;

/// <summary>What the index holds.</summary>
public sealed record IndexStats(
    long EntriesRead,
    long Papers,
    long Days,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    long Sources,
    long DatabaseBytes,
    string DatabasePath);
