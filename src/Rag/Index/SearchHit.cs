using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>One search result: the paper, its relevance (higher is better) and a snippet with the matches marked.</summary>
public sealed record SearchHit(long Pid, Paper Paper, double Score, string Snippet);
