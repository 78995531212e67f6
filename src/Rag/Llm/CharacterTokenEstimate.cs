namespace PaperBot.Rag.Llm;

/// <summary>
/// The token count used when no model tokenizer is loaded: one token per three characters. English averages
/// about four characters per token, so this over-counts on purpose: a packed prompt then always fits the real
/// model's window, at the price of a little unused room.
/// </summary>
public sealed class CharacterTokenEstimate(int contextSize) : ITokenCounter
{
    public int ContextSize { get; } = contextSize;

    public int CountTokens(string text) => (text.Length + 2) / 3;
}
