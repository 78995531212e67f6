using LLama.Native;
using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Process-wide llama.cpp start-up, done once through LLamaSharp: which native build to load (the backend package's
/// best CPU variant, or the folder of Llm:NativeLibraryPath), log routing, then the load itself. LLamaSharp reads
/// its configuration only before the first native call, so this must run before any other use of LLama.Native.
/// </summary>
internal static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static bool _initialized;

    public static void EnsureInitialized(string? nativeLibraryPath, string backend, ILogger logger)
    {
        lock (Gate)
        {
            LlamaLog.UseLogger(logger);
            if (_initialized)
            {
                return;
            }

            var configured = Configure(nativeLibraryPath, backend);
            try
            {
                NativeApi.llama_empty_call();
            }
            catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or LLama.Exceptions.RuntimeError)
            {
                var cause = e is TypeInitializationException { InnerException: { } inner } ? inner.Message : e.Message;
                throw new LlamaNativeLibraryException($"The llama.cpp libraries ({configured}) cannot be used: {FirstLine(cause)}", e);
            }

            if (NativeApi.ggml_backend_dev_count() == 0)
            {
                throw new LlamaNativeLibraryException($"No ggml backend could be loaded from {configured} (unsupported CPU, or a build without a CPU backend).");
            }

            _initialized = true;
        }
    }

    private static string Configure(string? nativeLibraryPath, string backend)
    {
        if (NativeLibraryConfig.LLama.LibraryHasLoaded)
        {
            // Something loaded LLamaSharp's libraries already (it cannot be reconfigured); keep routing its log.
            NativeLogConfig.llama_log_set(LlamaLog.Callback);
            return "already loaded";
        }

        NativeLibraryConfig.LLama.WithLogCallback(LlamaLog.Callback);
        if (string.IsNullOrWhiteSpace(nativeLibraryPath))
        {
            NativeLibraryConfig.LLama.WithCuda(string.Equals(backend, "cuda", StringComparison.OrdinalIgnoreCase));
            return "the LLamaSharp backend package";
        }

        var folder = Path.GetFullPath(nativeLibraryPath);
        var library = Path.Combine(folder, "libllama.so");
        if (!File.Exists(library))
        {
            throw new LlamaNativeLibraryException($"Llm:NativeLibraryPath '{folder}' holds no libllama.so. Build one with scripts/build-llama.sh, or leave the setting empty to use the LLamaSharp backend package.");
        }

        NativeLibraryConfig.LLama.WithLibrary(library);
        return library;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
