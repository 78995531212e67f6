namespace PaperBot.Rag.Llm;

/// <summary>A piece of streamed text (always whole UTF-8 characters); the last chunk carries <see cref="Stats"/>.</summary>
public sealed record GenerationChunk(string Text, GenerationStats? Stats = null);
