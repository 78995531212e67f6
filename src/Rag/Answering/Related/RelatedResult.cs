using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Related;

/// <summary>The papers related to <see cref="Paper"/>, best first, and whether abstract embeddings ranked them.</summary>
public sealed record RelatedResult(Paper Paper, IReadOnlyList<RelatedPaper> Related, bool ByEmbeddings);
