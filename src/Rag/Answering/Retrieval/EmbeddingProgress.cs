namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>How far the embedding of abstracts has come: papers done out of those that needed a vector.</summary>
public sealed record EmbeddingProgress(int Done, int Total);
