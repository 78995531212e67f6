namespace PaperBot.Rag.Answering;

/// <summary>The room kept in the context window for the model's answer (configuration key Llm:MaxAnswerTokens).</summary>
public sealed record AnswerBudget(int MaxAnswerTokens);
