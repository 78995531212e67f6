using System.Numerics.Tensors;
using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Computes pooled, L2-normalised embeddings with an embeddings context. Texts are packed several to a batch,
/// one sequence each; the model's own pooling is used (mean when it has none, so a decoder can embed too).
/// One context, so calls are serialised.
/// </summary>
public sealed unsafe class LlamaEmbedder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SafeLlamaContextHandle _context;
    private readonly NativeBatch _batch;
    private readonly int _maxSequences;
    private bool _disposed;

    public LlamaEmbedder(LlamaModel model, int batchSize = 512, int maxSequences = 16, int threads = 0)
    {
        Model = model;
        threads = threads > 0 ? threads : Environment.ProcessorCount;
        var parameters = LlamaNative.llama_context_default_params();
        // Non-causal models see a whole sequence in one micro-batch, so n_ubatch = n_batch = n_ctx.
        parameters.NCtx = (uint)batchSize;
        parameters.NBatch = (uint)batchSize;
        parameters.NUbatch = (uint)batchSize;
        parameters.NSeqMax = (uint)maxSequences;
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;
        parameters.Embeddings = true;
        parameters.NoPerf = true;
        var what = $"embeddings in batches of {batchSize} tokens";
        var context = LlamaContextFactory.Create(model, parameters, what);
        if (LlamaNative.llama_pooling_type(context) == LlamaPoolingType.None)
        {
            context.Dispose();
            parameters.PoolingType = LlamaPoolingType.Mean;
            context = LlamaContextFactory.Create(model, parameters, what);
        }

        _context = context;
        _batch = new NativeBatch(batchSize);
        _maxSequences = maxSequences;
        Dimensions = LlamaNative.llama_model_n_embd_out(model.Handle);
    }

    public LlamaModel Model { get; }

    public int Dimensions { get; }

    /// <summary>Longer texts are cut to this many tokens.</summary>
    public int MaxTokens => _batch.Capacity;

    /// <returns>One unit-length vector per text, and the number of tokens read.</returns>
    public (float[][] Vectors, int Tokens) Embed(IReadOnlyList<string> texts)
    {
        var tokenized = texts.Select(t => Model.Vocabulary.Tokenize(t, addSpecial: true, parseSpecial: false)).Select(t => t.Length > MaxTokens ? t[..MaxTokens] : t).ToArray();
        var vectors = new float[texts.Count][];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var start = 0;
            while (start < tokenized.Length)
            {
                var end = start;
                var tokens = 0;
                while (end < tokenized.Length && end - start < _maxSequences && tokens + Math.Max(1, tokenized[end].Length) <= MaxTokens)
                {
                    tokens += Math.Max(1, tokenized[end].Length);
                    end++;
                }

                Run(tokenized, start, end, vectors);
                start = end;
            }
        }

        return (vectors, tokenized.Sum(t => t.Length));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _batch.Dispose();
            _context.Dispose();
        }
    }

    private void Run(int[][] tokenized, int start, int end, float[][] vectors)
    {
        var memory = LlamaNative.llama_get_memory(_context);
        if (memory != 0)
        {
            LlamaNative.llama_memory_clear(memory, true);
        }

        _batch.Clear();
        for (var i = start; i < end; i++)
        {
            var tokens = tokenized[i].Length > 0 ? tokenized[i] : [0];
            for (var p = 0; p < tokens.Length; p++)
            {
                _batch.Add(tokens[p], p, i - start, output: true);
            }
        }

        var code = LlamaNative.llama_decode(_context, _batch.Native);
        if (code != 0)
        {
            throw new LlamaException($"Embedding batch failed: llama_decode returned {code}.");
        }

        for (var i = start; i < end; i++)
        {
            var pooled = LlamaNative.llama_get_embeddings_seq(_context, i - start);
            if (pooled == null)
            {
                throw new LlamaException("The context returned no pooled embedding.");
            }

            var vector = new ReadOnlySpan<float>(pooled, Dimensions).ToArray();
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            vectors[i] = vector;
        }
    }
}
