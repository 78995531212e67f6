namespace PaperBot.Rag.Llm;

public enum GenerationFinishReason
{
    /// <summary>The model produced an end-of-generation token.</summary>
    EndOfGeneration,
    StopSequence,
    MaxTokens,
    /// <summary>The sequence's share of the context is full.</summary>
    ContextFull,
}
