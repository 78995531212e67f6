namespace PaperBot.Rag.Llm;

/// <summary>A prompt does not fit in one sequence's share of the context.</summary>
public sealed class PromptTooLongException : LlamaException
{
    public PromptTooLongException()
    {
    }

    public PromptTooLongException(string message)
        : base(message)
    {
    }

    public PromptTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PromptTooLongException(int promptTokens, int contextTokens)
        : base($"The prompt has {promptTokens} tokens but a sequence holds at most {contextTokens} (prompt plus answer); shorten the prompt or raise Llm:ContextSize.")
    {
        PromptTokens = promptTokens;
        ContextTokens = contextTokens;
    }

    public int PromptTokens { get; }

    public int ContextTokens { get; }
}
