using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>A reusable <c>llama_batch</c> of up to <c>capacity</c> tokens, one sequence per token.</summary>
internal sealed unsafe class NativeBatch : IDisposable
{
    private LlamaBatch _batch;

    public NativeBatch(int capacity)
    {
        Capacity = capacity;
        _batch = LlamaNative.llama_batch_init(capacity, 0, 1);
    }

    public int Capacity { get; }

    public int Count => _batch.NTokens;

    public LlamaBatch Native => _batch;

    public void Clear() => _batch.NTokens = 0;

    /// <returns>The token's index in the batch, which is its output index when <paramref name="output"/> is set.</returns>
    public int Add(int token, int position, int sequence, bool output)
    {
        var i = _batch.NTokens;
        _batch.Token[i] = token;
        _batch.Pos[i] = position;
        _batch.NSeqId[i] = 1;
        _batch.SeqId[i][0] = sequence;
        _batch.Logits[i] = output ? (sbyte)1 : (sbyte)0;
        _batch.NTokens = i + 1;
        return i;
    }

    public void Dispose()
    {
        if (_batch.Token != null)
        {
            LlamaNative.llama_batch_free(_batch);
            _batch = default;
        }
    }
}
