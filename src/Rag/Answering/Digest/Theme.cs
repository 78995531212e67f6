namespace PaperBot.Rag.Answering.Digest;

/// <summary>A group of a day's papers sharing key terms: a label and the papers' 0-based positions in the day's list.</summary>
public sealed record Theme(string Label, IReadOnlyList<int> Papers);
