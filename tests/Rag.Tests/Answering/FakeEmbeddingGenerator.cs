using Microsoft.Extensions.AI;
using PaperBot.Rag.Answering.Text;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>An embedding model stand-in: hashed bag of word stems, so texts sharing words are similar. Keeps the texts it embeds.</summary>
internal sealed class FakeEmbeddingGenerator(string modelId = "fake-embed") : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimension = 256;

    private readonly List<string> _texts = [];

    public int Embedded => _texts.Count;

    public IReadOnlyList<string> Texts => _texts;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            var vector = new float[Dimension];
            foreach (var stem in TextTerms.Stems(value))
            {
                vector[Bucket(stem)] += 1;
            }

            embeddings.Add(new Embedding<float>(vector));
            _texts.Add(value);
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", defaultModelId: modelId) : null;

    public void Dispose()
    {
    }

    /// <summary>FNV-1a: string.GetHashCode is randomized per process, and the tests need the same vectors every run.</summary>
    private static int Bucket(string stem)
    {
        var hash = 2166136261;
        foreach (var c in stem)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Dimension);
    }
}
