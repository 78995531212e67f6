using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

internal static unsafe partial class LlamaNative
{
    [LibraryImport(Llama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(Llama)]
    public static partial nint llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_free(nint context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_ctx_seq(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial LlamaPoolingType llama_pooling_type(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial LlamaBatch llama_batch_init(int nTokens, int embd, int nSeqMax);

    [LibraryImport(Llama)]
    public static partial void llama_batch_free(LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial float* llama_get_embeddings_seq(SafeLlamaContextHandle context, int seqId);

    [LibraryImport(Llama)]
    public static partial float* llama_get_logits_ith(SafeLlamaContextHandle context, int i);

    [LibraryImport(Llama)]
    public static partial nint llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial void llama_memory_clear(nint memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_memory_seq_rm(nint memory, int seqId, int p0, int p1);
}
