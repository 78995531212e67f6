using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// One candidate paper: its fused score, its keyword score (null when only its embedding found it), its
/// cosine similarity (null without embeddings) and the idf-weighted share of the query's words it contains.
/// </summary>
public sealed record RetrievedPaper(long Pid, Paper Paper, double Score, double? KeywordScore, double? Similarity, double TermCoverage);
