using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

internal static unsafe partial class LlamaNative
{
    /// <summary>ggml's defaults for a pool of <paramref name="threads"/>: no CPU mask, normal priority, polling level 50.</summary>
    [LibraryImport(Ggml)]
    public static partial void ggml_threadpool_params_init(GgmlThreadpoolParams* parameters, int threads);

    [LibraryImport(Ggml)]
    public static partial nint ggml_backend_reg_by_name([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    /// <summary>A function of a backend that may live in a dynamically loaded module (the CPU backend variants do).</summary>
    [LibraryImport(Ggml)]
    public static partial void* ggml_backend_reg_get_proc_address(nint reg, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [LibraryImport(Llama)]
    public static partial void llama_attach_threadpool(SafeLlamaContextHandle context, nint threadpool, nint threadpoolBatch);
}
