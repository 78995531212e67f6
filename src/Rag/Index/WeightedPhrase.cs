namespace PaperBot.Rag.Index;

/// <summary>
/// One part of a weighted keyword search: a word, or words that must follow each other ("context learning"), and
/// how many times its bm25 contribution counts.
/// </summary>
public sealed record WeightedPhrase(IReadOnlyList<string> Words, int Weight);
