namespace PaperBot.Rag.Index;

/// <summary>The text of one paper to embed (title and abstract) and its row id.</summary>
public sealed record PaperText(long Pid, string Text);
