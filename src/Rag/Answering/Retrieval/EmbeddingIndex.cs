using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>
/// Dense retrieval over abstract embeddings: papers without a vector are embedded incrementally and stored, and
/// all vectors are held in memory once (reloaded when the stored set changes) for an exact cosine search.
/// Retrieval models trained with an instruction before each query (arctic-embed, bge: "Represent this sentence
/// for searching relevant passages: ") get it through <paramref name="queryPrefix"/>; abstracts are embedded as
/// they are.
/// </summary>
public sealed class EmbeddingIndex(
    PaperVectorStore vectors, IEmbeddingGenerator<string, Embedding<float>> generator, ILogger<EmbeddingIndex> logger, string queryPrefix = "") : IDisposable
{
    /// <summary>Abstracts per call to the generator: large enough to batch, small enough to report progress often.</summary>
    private const int BatchSize = 16;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private VectorMatrix _matrix = VectorMatrix.Empty;
    private (long Count, long MaxPid) _loadedVersion = (-1, -1);

    /// <summary>The model name the vectors are stored under.</summary>
    public string Model => generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "default";

    /// <summary>Embeds the papers that have no vector yet; returns how many were embedded.</summary>
    public async Task<int> EmbedMissingAsync(IProgress<EmbeddingProgress>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var missing = vectors.MissingFor(Model);
            for (var start = 0; start < missing.Count; start += BatchSize)
            {
                var batch = missing.Skip(start).Take(BatchSize).ToList();
                var embeddings = await generator.GenerateAsync(batch.Select(p => p.Text), cancellationToken: cancellationToken);
                vectors.Save(Model, [.. batch.Zip(embeddings, (paper, e) => (paper.Pid, VectorMatrix.Normalize(e.Vector.Span)))]);
                progress?.Report(new EmbeddingProgress(Math.Min(start + BatchSize, missing.Count), missing.Count));
            }

            if (missing.Count > 0)
            {
                AnsweringLog.Embedded(logger, missing.Count, Model);
            }

            return missing.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The papers whose abstracts are most similar to <paramref name="query"/>, best first.</summary>
    public async Task<IReadOnlyList<(long Pid, float Similarity)>> NearestAsync(
        string query, int top, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await EmbedMissingAsync(null, cancellationToken);
        var embedding = await generator.GenerateAsync(queryPrefix + query, cancellationToken: cancellationToken);
        return CurrentMatrix().Nearest(VectorMatrix.Normalize(embedding.Vector.Span), top, from, to);
    }

    /// <summary>
    /// The papers whose abstracts are most similar to paper <paramref name="pid"/>'s own (itself included), best first;
    /// empty when the paper has no vector.
    /// </summary>
    public async Task<IReadOnlyList<(long Pid, float Similarity)>> NearestToPaperAsync(
        long pid, int top, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await EmbedMissingAsync(null, cancellationToken);
        var matrix = CurrentMatrix();
        return matrix.Nearest(matrix.VectorOf(pid), top, from, to);
    }

    public void Dispose() => _gate.Dispose();

    private VectorMatrix CurrentMatrix()
    {
        var version = vectors.Version(Model);
        if (version != _loadedVersion)
        {
            _matrix = vectors.Load(Model);
            _loadedVersion = version;
        }

        return _matrix;
    }
}
