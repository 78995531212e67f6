using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// The llama.cpp C API (llama.h of the pinned release). The library names are logical: <see cref="NativeLibraryResolver"/>
/// maps them to the files of the configured native folder.
/// </summary>
internal static unsafe partial class LlamaNative
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";

    [LibraryImport(Ggml)]
    public static partial void ggml_backend_load_all_from_path([MarshalAs(UnmanagedType.LPUTF8Str)] string dirPath);

    [LibraryImport(Ggml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(Llama)]
    public static partial void llama_backend_init();

    /// <summary>Whether any GPU (or other offload) device is registered: false when the CUDA module did not load.</summary>
    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_supports_gpu_offload();

    [LibraryImport(Llama)]
    public static partial void llama_log_set(delegate* unmanaged[Cdecl]<GgmlLogLevel, byte*, void*, void> callback, void* userData);
}
