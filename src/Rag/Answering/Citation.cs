namespace PaperBot.Rag.Answering;

/// <summary>A source the answer cites: its number in the answer, the paper's id and title.</summary>
public sealed record Citation(int Number, string Id, string Title);
