using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Answering;

/// <summary>How papers are retrieved for a question (section "Retrieval").</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    /// <summary>How many papers go into an answer's sources.</summary>
    [Range(1, 50)]
    public int TopK { get; set; } = 6;

    /// <summary>How many candidates each retriever (keywords, vectors) contributes before fusion.</summary>
    [Range(1, 200)]
    public int Candidates { get; set; } = 30;

    /// <summary>
    /// The bm25 score the best keyword match must reach for the question to count as covered (0: no floor). Off by
    /// default: bm25 values depend on the index's size (in a one-paper index every word scores almost 0), while
    /// <see cref="MinTermCoverage"/> does not.
    /// </summary>
    [Range(0.0, 1000.0)]
    public double MinScore { get; set; }

    /// <summary>
    /// The idf-weighted share of the question's content words that the best paper must contain. Keeps "pizza
    /// recipe" from being answered from the one paper that says "recipe".
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinTermCoverage { get; set; } = 0.5;

    /// <summary>
    /// The cosine similarity at which a paper counts as relevant by its embedding alone. Depends on the embedding
    /// model (some put unrelated texts at 0.7): calibrate it with <c>paperbot eval</c> and off-topic questions.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.6;

    /// <summary>The k of reciprocal rank fusion: 1/(k + rank). 60 is the value from the original RRF paper.</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>Auto: hybrid retrieval when an embedding model is configured (Embeddings:ModelPath); Off: keywords only.</summary>
    public EmbeddingUse UseEmbeddings { get; set; } = EmbeddingUse.Auto;
}
