using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>How papers are retrieved for a question (section "Retrieval"), checked by <see cref="RetrievalOptionsValidator"/>.</summary>
public sealed class RetrievalOptions : IValidatableObject
{
    public const string Section = "Retrieval";

    /// <summary>How many papers go into an answer's sources.</summary>
    [Range(1, 50)]
    public int TopK { get; set; } = 6;

    /// <summary>How many candidates each retriever (keywords, vectors) contributes before fusion.</summary>
    [Range(1, 200)]
    public int Candidates { get; set; } = 30;

    /// <summary>
    /// Once the relevance decision has found the question answered, the idf-weighted share of its content words a
    /// further candidate must contain to join the answer's sources (or the decision's own confidence in it).
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

    /// <summary>The papers an answer uses come from the candidates, so there cannot be more of them.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TopK > Candidates)
        {
            yield return new ValidationResult(
                "Retrieval:TopK must not exceed Retrieval:Candidates (the papers an answer uses come from the candidates)", [nameof(TopK)]);
        }
    }
}
