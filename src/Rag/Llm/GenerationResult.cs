namespace PaperBot.Rag.Llm;

/// <summary>A whole completion: the text and its statistics.</summary>
public sealed record GenerationResult(string Text, GenerationStats Stats);
