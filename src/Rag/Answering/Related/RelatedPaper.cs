using System.Globalization;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Answering.Related;

/// <summary>
/// A paper related to another: its score (cosine similarity with embeddings, else bm25), the similarity when
/// embeddings found it, and the key words and AI keywords the two papers share, rarest first.
/// </summary>
public sealed record RelatedPaper(Paper Paper, double Score, float? Similarity, IReadOnlyList<string> Shared)
{
    /// <summary>Why the paper is related, in a few words: "similarity 0.82; shares video diffusion, camera control".</summary>
    public string Reason
    {
        get
        {
            var shared = Shared.Count > 0 ? "shares " + string.Join(", ", Shared) : null;
            return Similarity is { } similarity
                ? string.Create(CultureInfo.InvariantCulture, $"similarity {similarity:0.00}") + (shared is null ? "" : "; " + shared)
                : shared ?? "similar wording";
        }
    }
}
