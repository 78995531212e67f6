using Microsoft.Extensions.AI;
using Polly;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the servers of an <see cref="EndpointPool"/>: the
/// texts go in batches of <c>Embeddings:RequestBatchSize</c>, each batch to the least busy server (so batches run
/// in parallel across servers), a batch whose server fails is retried on another.
/// </summary>
public sealed class EndpointPoolEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EndpointPool _pool;
    private readonly int _batchSize;
    private readonly ResiliencePipeline _retry;

    public EndpointPoolEmbeddingGenerator(EndpointPool pool, int batchSize)
    {
        _pool = pool;
        _batchSize = batchSize;
        _retry = pool.FailoverPipeline();
    }

    public EndpointPool Pool => _pool;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var batches = values.Chunk(_batchSize).ToList();
        var results = await Task.WhenAll(batches.Select(b => _retry.ExecuteAsync(async _ => await BatchAsync(b, options, cancellationToken), cancellationToken).AsTask()));
        var all = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in results)
        {
            all.AddRange(batch);
        }

        return all;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("openai", null, _pool.Endpoints[0].Options.Model)
        : serviceType == typeof(EndpointPool) ? _pool
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The pool belongs to the DI container.
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> BatchAsync(string[] batch, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        // A failed server leaves the rotation, so the retry of this batch goes to another one.
        using var lease = await _pool.AcquireAsync([], cancellationToken);
        try
        {
            var embeddings = await lease.Endpoint.Embeddings.GenerateAsync(batch, options, cancellationToken);
            _pool.MarkHealthy(lease.Endpoint);
            return embeddings;
        }
        catch (Exception e) when (EndpointFailures.IsEndpointFailure(e, cancellationToken))
        {
            _pool.MarkDown(lease.Endpoint, e);
            throw new EndpointFailedException($"{lease.Endpoint.Options.DisplayUrl} failed: {EndpointPool.Describe(e)}", e);
        }
    }
}
