namespace PaperBot.Rag.Index;

/// <summary>The tokenizer of the full-text index; query analysis must use exactly the same one.</summary>
internal static class FtsTokenizer
{
    public const string Spec = "porter unicode61 remove_diacritics 2";
}
