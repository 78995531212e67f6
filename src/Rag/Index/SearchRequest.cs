namespace PaperBot.Rag.Index;

/// <summary>A keyword search: the user's words, how many results, and an optional day range (inclusive).</summary>
public sealed record SearchRequest(string Query, int Top = 10, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The largest page of results one search returns.</summary>
    public const int MaxTop = 200;
}
