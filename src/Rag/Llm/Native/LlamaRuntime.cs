using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// Process-wide llama.cpp start-up, done once: resolver, log routing, backend registration. No backend exists
/// until <c>ggml_backend_load_all_from_path</c> has loaded the <c>libggml-cpu-*.so</c> (and CUDA) modules.
/// </summary>
internal static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    public static void EnsureInitialized(string? nativeLibraryPath, string backend, ILogger logger)
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            var directory = NativeLibraryResolver.Register(nativeLibraryPath, backend);
            try
            {
                LlamaLog.Install(logger);
                LlamaNative.ggml_backend_load_all_from_path(directory);
                LlamaNative.llama_backend_init();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                throw new LlamaNativeLibraryException($"The llama.cpp libraries in {directory} cannot be used: {e.Message}", e);
            }

            if (LlamaNative.ggml_backend_dev_count() == 0)
            {
                throw new LlamaNativeLibraryException($"No ggml backend could be loaded from {directory} (libggml-cpu-*.so missing or unsupported CPU).");
            }

            _initialized = true;
        }
    }
}
