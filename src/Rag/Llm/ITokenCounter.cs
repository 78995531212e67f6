namespace PaperBot.Rag.Llm;

/// <summary>Counts tokens the way the model will, so prompts can be packed to fit its context window.</summary>
public interface ITokenCounter
{
    int CountTokens(string text);

    /// <summary>The model's context window in tokens: prompt and answer together.</summary>
    int ContextSize { get; }
}
