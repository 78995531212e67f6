using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>Mirror of <c>struct llama_batch</c> (56 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int NTokens;
    public int* Token;
    public float* Embd;
    public int* Pos;
    public int* NSeqId;
    public int** SeqId;
    public sbyte* Logits;
}
