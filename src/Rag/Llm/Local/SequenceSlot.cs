namespace PaperBot.Rag.Llm.Local;

/// <summary>One sequence of the context: which tokens its KV cache holds, and the request using it (if any).</summary>
internal sealed class SequenceSlot(int id)
{
    public int Id { get; } = id;

    /// <summary>The tokens at positions 0..Count-1 of this sequence's KV cache.</summary>
    public List<int> Cached { get; } = [];

    public GenerationRequest? Active { get; set; }

    public int CommonPrefix(int[] prompt)
    {
        var n = Math.Min(Cached.Count, prompt.Length);
        var i = 0;
        while (i < n && Cached[i] == prompt[i])
        {
            i++;
        }

        return i;
    }
}
