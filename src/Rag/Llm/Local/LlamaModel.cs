using System.Text;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaperBot.Rag.Llm.Local.Gguf;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// A GGUF model loaded by llama.cpp. Loading checks the file first (<see cref="GgufFile.Read"/>), because
/// llama.cpp may abort the process on some malformed files instead of returning an error.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private LlamaModel(string path, SafeLlamaModelHandle handle)
    {
        Path = path;
        Handle = handle;
        Vocabulary = new LlamaVocabulary(handle);
        Info = ReadInfo();
    }

    public string Path { get; }

    public LlamaModelInfo Info { get; }

    internal SafeLlamaModelHandle Handle { get; }

    internal LlamaVocabulary Vocabulary { get; }

    /// <summary>Loads a model; every failure is a <see cref="ModelLoadException"/> naming the file and the cause.</summary>
    /// <param name="progress">Receives 0..1 while tensors load.</param>
    /// <param name="cancellationToken">Aborts the load between progress reports.</param>
    public static LlamaModel Load(string path, LlamaModelOptions? options = null, IProgress<float>? progress = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new LlamaModelOptions();
        var fullPath = System.IO.Path.GetFullPath(path);
        GgufFile file;
        try
        {
            file = GgufFile.Read(fullPath);
        }
        catch (FileNotFoundException e)
        {
            throw new ModelLoadException(fullPath, ModelLoadFailure.FileNotFound, "the file does not exist", e);
        }
        catch (GgufFormatException e)
        {
            throw new ModelLoadException(fullPath, e.Failure, e.Message, e);
        }
        catch (IOException e)
        {
            throw new ModelLoadException(fullPath, ModelLoadFailure.Unknown, e.Message, e);
        }

        LlamaRuntime.EnsureInitialized(options.NativeLibraryPath, options.Backend, logger ?? NullLogger.Instance);
        if (options.Backend == "cuda" && options.GpuLayers != 0 && !NativeApi.llama_supports_gpu_offload())
        {
            // llama.cpp would quietly put every layer on the CPU: a GPU user must hear about it, not find it slow.
            throw new ModelLoadException(fullPath, ModelLoadFailure.GpuUnavailable,
                "Llm:Backend is cuda, but llama.cpp found no GPU to offload to, so the model would run on the CPU. The CUDA " +
                "backend needs a build with -p:LlamaBackend=cuda12 or cuda13 (LLamaSharp's CUDA backend package), its CUDA " +
                "runtime and a visible GPU, or a CUDA build of llama.cpp from scripts/build-llama.sh named by " +
                "Llm:NativeLibraryPath; or set Llm:Backend to cpu");
        }

        var parameters = LLamaModelParams.Default();
        parameters.n_gpu_layers = options.GpuLayers;
        parameters.load_mode = options.UseMmap ? LLamaLoadMode.MemoryMap : LLamaLoadMode.None;
        LlamaProgressCallback onProgress = (value, _) => Report(progress, value, cancellationToken);
        parameters.progress_callback = onProgress;
        var log = LlamaLog.BeginCapture();
        SafeLlamaModelHandle handle;
        try
        {
            handle = SafeLlamaModelHandle.LoadFromFile(fullPath, parameters);
        }
        catch (LoadWeightsFailedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Explain(fullPath, file, log);
        }
        finally
        {
            LlamaLog.EndCapture();
            GC.KeepAlive(onProgress);
        }

        return new LlamaModel(fullPath, handle);
    }

    public int[] Tokenize(string text, bool addSpecial = true, bool parseSpecial = false)
    {
        ThrowIfDisposed();
        return Vocabulary.Tokenize(text, addSpecial, parseSpecial);
    }

    public string Detokenize(IEnumerable<int> tokens)
    {
        ThrowIfDisposed();
        return Vocabulary.Detokenize(tokens);
    }

    public bool IsEndOfGeneration(int token)
    {
        ThrowIfDisposed();
        return Vocabulary.IsEndOfGeneration(token);
    }

    /// <summary>A metadata value as text (llama.cpp renders numbers and arrays too); null when absent.</summary>
    public string? GetMetadata(string key)
    {
        ThrowIfDisposed();
        return Handle.MetadataValueByKey(key) is { } value ? Encoding.UTF8.GetString(value.Span) : null;
    }

    /// <summary>Frees the model once no context uses it any more.</summary>
    public void Dispose() => Handle.Dispose();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Handle.IsClosed, this);

    private LlamaModelInfo ReadInfo()
    {
        return new LlamaModelInfo(
            GetMetadata("general.architecture") ?? "unknown",
            GetMetadata("general.name"),
            Handle.Description,
            Handle.ParameterCount,
            Handle.SizeInBytes,
            LlamaFileTypes.Name((long)Handle.FileType),
            Handle.ContextSize,
            Handle.EmbeddingSize,
            Handle.LayerCount,
            Vocabulary.Count,
            Handle.GetTemplate(null, strict: false));
    }

    private static ModelLoadException Explain(string path, GgufFile file, List<string> log)
    {
        var detail = log.Count == 0 ? "llama.cpp gave no reason" : string.Join(" | ", log.TakeLast(3));
        if (log.Exists(l => l.Contains("unknown model architecture", StringComparison.OrdinalIgnoreCase)))
        {
            return new ModelLoadException(path, ModelLoadFailure.UnsupportedArchitecture, $"architecture '{file.Architecture}' is not supported by this llama.cpp release ({detail})");
        }

        if (log.Exists(l => l.Contains("alloc", StringComparison.OrdinalIgnoreCase) || l.Contains("memory", StringComparison.OrdinalIgnoreCase)))
        {
            return new ModelLoadException(path, ModelLoadFailure.OutOfMemory, $"not enough memory ({detail})");
        }

        return new ModelLoadException(path, ModelLoadFailure.Unknown, detail);
    }

    /// <returns>Whether loading goes on.</returns>
    private static bool Report(IProgress<float>? progress, float value, CancellationToken cancellationToken)
    {
        try
        {
            progress?.Report(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A faulty progress handler must not unwind into llama.cpp; loading goes on regardless.
        }

        return !cancellationToken.IsCancellationRequested;
    }
}
