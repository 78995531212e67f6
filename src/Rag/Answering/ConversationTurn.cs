namespace PaperBot.Rag.Answering;

/// <summary>One earlier exchange of a conversation: what the user asked and what PaperBot answered.</summary>
public sealed record ConversationTurn(string Question, string Answer);
