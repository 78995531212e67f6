using Microsoft.Extensions.AI;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> over <see cref="LlamaEmbedder"/>: unit-length vectors. Its
/// metadata's model id names the model file, which the index stores vectors under: vectors of one model are never
/// compared with another's.
/// </summary>
public sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lazy<LlamaEmbedder> _embedder;
    private readonly string _modelId;

    /// <param name="embedder">Created on first use, so a host can start without loading the model.</param>
    /// <param name="modelPath">The model file, known before it is loaded.</param>
    public LlamaEmbeddingGenerator(Lazy<LlamaEmbedder> embedder, string modelPath)
    {
        _embedder = embedder;
        _modelId = ModelId(modelPath);
    }

    public LlamaEmbeddingGenerator(LlamaEmbedder embedder)
        : this(new Lazy<LlamaEmbedder>(embedder), embedder.Model.Path)
    {
    }

    /// <summary>The file's name and size: another model put in the same place gets vectors of its own.</summary>
    public static string ModelId(string modelPath) =>
        $"{System.IO.Path.GetFileName(modelPath)} ({new FileInfo(modelPath).Length} bytes)";

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        // Embedding runs native code for a while; the caller's thread should not wait inside it.
        var (vectors, tokens) = await Task.Run(() => _embedder.Value.Embed(texts), cancellationToken);
        var modelId = _embedder.Value.Model.Info.Name;
        var created = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = modelId, CreatedAt = created }))
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return new EmbeddingGeneratorMetadata("llama.cpp", null, _modelId, _embedder.IsValueCreated ? _embedder.Value.Dimensions : null);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The embedder belongs to whoever created it (the DI host), not to this generator.
    }
}
