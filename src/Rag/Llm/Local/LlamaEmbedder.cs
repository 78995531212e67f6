using System.Numerics.Tensors;
using LLama.Native;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Computes pooled, L2-normalised embeddings with an embeddings context. Texts are packed several to a batch,
/// one sequence each; the model's own pooling is used (mean when it has none, so a decoder can embed too).
/// One context, so calls are serialised.
/// </summary>
public sealed class LlamaEmbedder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly int _maxSequences;
    private bool _disposed;

    public LlamaEmbedder(LlamaModel model, int batchSize = 512, int maxSequences = 16, int threads = 0)
    {
        Model = model;
        threads = threads > 0 ? threads : Environment.ProcessorCount;
        var parameters = LlamaContextFactory.Defaults(threads);
        // Non-causal models see a whole sequence in one micro-batch, so n_ubatch = n_batch = n_ctx.
        parameters.n_ctx = (uint)batchSize;
        parameters.n_batch = (uint)batchSize;
        parameters.n_ubatch = (uint)batchSize;
        parameters.n_seq_max = (uint)maxSequences;
        parameters.embeddings = true;
        var what = $"embeddings in batches of {batchSize} tokens";
        var context = LlamaContextFactory.Create(model, parameters, what);
        if (context.PoolingType == LLamaPoolingType.None)
        {
            context.Dispose();
            parameters.llama_pooling_type = LLamaPoolingType.Mean;
            context = LlamaContextFactory.Create(model, parameters, what);
        }

        _context = context;
        MaxTokens = batchSize;
        _maxSequences = maxSequences;
        // The pooled vector is n_embd long (LLamaSharp has no llama_model_n_embd_out; no supported embedder projects).
        Dimensions = model.Info.EmbeddingLength;
    }

    public LlamaModel Model { get; }

    public int Dimensions { get; }

    /// <summary>Longer texts are cut to this many tokens.</summary>
    public int MaxTokens { get; }

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
            _context.Dispose();
        }
    }

    private void Run(int[][] tokenized, int start, int end, float[][] vectors)
    {
        _context.MemoryClear(data: true);
        _batch.Clear();
        for (var i = start; i < end; i++)
        {
            var tokens = tokenized[i].Length > 0 ? tokenized[i] : [0];
            for (var p = 0; p < tokens.Length; p++)
            {
                _batch.Add(tokens[p], p, (LLamaSeqId)(i - start), logits: true);
            }
        }

        var code = _context.Decode(_batch);
        if (code != DecodeResult.Ok)
        {
            throw new LlamaException($"Embedding batch failed: llama_decode returned {(int)code} ({code}).");
        }

        for (var i = start; i < end; i++)
        {
            var vector = _context.GetEmbeddingsSeq((LLamaSeqId)(i - start)).ToArray();
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            vectors[i] = vector;
        }
    }
}
