namespace PaperBot.Rag.Index;

internal enum UpsertResult
{
    Added,
    Updated,
    Unchanged,
}
