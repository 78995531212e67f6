namespace PaperBot.Rag.Answering.Prompts;

/// <summary>The prompt templates under prompts/, by file name without ".prompt.txt".</summary>
public static class PromptName
{
    public const string Answer = "answer";
    public const string Condense = "condense";
    public const string Gist = "gist";
    public const string Digest = "digest";
}
