using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaperBot.Rag.Llm.Gguf;
using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>
/// A GGUF model loaded by llama.cpp. Loading checks the file first (<see cref="GgufFile.Read"/>), because
/// llama.cpp may abort the process on some malformed files instead of returning an error.
/// </summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private LlamaModel(string path, SafeLlamaModelHandle handle, int gpuLayers)
    {
        Path = path;
        Handle = handle;
        var vocab = LlamaNative.llama_model_get_vocab(handle);
        VocabularyPointer = vocab;
        Vocabulary = new LlamaVocabulary(vocab);
        Info = ReadInfo();

        // -1 (or more than the repeating layers) puts every layer and the output layer on the GPU.
        var allOffloaded = gpuLayers < 0 || gpuLayers > Info.LayerCount;
        ComputesOnCpu = !LlamaNative.llama_supports_gpu_offload() || !allOffloaded;
    }

    public string Path { get; }

    public LlamaModelInfo Info { get; }

    internal SafeLlamaModelHandle Handle { get; }

    internal nint VocabularyPointer { get; }

    internal LlamaVocabulary Vocabulary { get; }

    /// <summary>Whether the CPU does a share of every decode (no GPU, or only some layers offloaded).</summary>
    internal bool ComputesOnCpu { get; }

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
        if (options.Backend == "cuda" && options.GpuLayers != 0 && !LlamaNative.llama_supports_gpu_offload())
        {
            // llama.cpp would quietly put every layer on the CPU: a GPU user must hear about it, not find it slow.
            throw new ModelLoadException(fullPath, ModelLoadFailure.GpuUnavailable,
                "Llm:Backend is cuda, but llama.cpp found no GPU to offload to, so the model would run on the CPU. The CUDA " +
                "backend needs libcudart.so.13 and libcublas.so.13 (CUDA 13, driver 580 or newer) and a visible GPU; on an " +
                "older CUDA build the libraries with scripts/build-llama.sh, or set Llm:Backend to cpu");
        }

        var parameters = LlamaNative.llama_model_default_params();
        parameters.NGpuLayers = options.GpuLayers;
        parameters.LoadMode = (int)(options.UseMmap ? LlamaLoadMode.Mmap : LlamaLoadMode.None);
        var state = new LoadProgress(progress, cancellationToken);
        var stateHandle = GCHandle.Alloc(state);
        parameters.ProgressCallback = &OnProgress;
        parameters.ProgressCallbackUserData = (void*)GCHandle.ToIntPtr(stateHandle);
        var log = LlamaLog.BeginCapture();
        SafeLlamaModelHandle handle;
        try
        {
            handle = LlamaNative.llama_model_load_from_file(fullPath, parameters);
        }
        finally
        {
            LlamaLog.EndCapture();
            stateHandle.Free();
        }

        if (handle.IsInvalid)
        {
            handle.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw Explain(fullPath, file, log);
        }

        return new LlamaModel(fullPath, handle, options.GpuLayers);
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
        return ReadString((buf, size) => LlamaNative.llama_model_meta_val_str(Handle, key, (byte*)buf, size));
    }

    /// <summary>Frees the model once no context uses it any more.</summary>
    public void Dispose() => Handle.Dispose();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Handle.IsClosed, this);

    private LlamaModelInfo ReadInfo()
    {
        var template = LlamaNative.llama_model_chat_template(Handle, null);
        var fileType = GetMetadata("general.file_type");
        return new LlamaModelInfo(
            GetMetadata("general.architecture") ?? "unknown",
            GetMetadata("general.name"),
            ReadString((buf, size) => LlamaNative.llama_model_desc(Handle, (byte*)buf, size)) ?? "",
            LlamaNative.llama_model_n_params(Handle),
            LlamaNative.llama_model_size(Handle),
            long.TryParse(fileType, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ft) ? LlamaFileTypes.Name(ft) : null,
            LlamaNative.llama_model_n_ctx_train(Handle),
            LlamaNative.llama_model_n_embd(Handle),
            LlamaNative.llama_model_n_layer(Handle),
            Vocabulary.Count,
            template == null ? null : Marshal.PtrToStringUTF8((nint)template));
    }

    private static string? ReadString(Func<nint, nuint, int> read)
    {
        var buffer = new byte[256];
        while (true)
        {
            int n;
            fixed (byte* b = buffer)
            {
                n = read((nint)b, (nuint)buffer.Length);
            }

            if (n < 0)
            {
                return null;
            }

            if (n < buffer.Length)
            {
                return Encoding.UTF8.GetString(buffer, 0, n);
            }

            buffer = new byte[n + 1];
        }
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

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte OnProgress(float progress, void* userData)
    {
        var state = (LoadProgress)GCHandle.FromIntPtr((nint)userData).Target!;
        try
        {
            state.Progress?.Report(progress);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A faulty progress handler must not unwind into llama.cpp; loading goes on without reports.
            state.Progress = null;
        }

        return state.CancellationToken.IsCancellationRequested ? (byte)0 : (byte)1;
    }

    private sealed class LoadProgress(IProgress<float>? progress, CancellationToken cancellationToken)
    {
        public IProgress<float>? Progress { get; set; } = progress;

        public CancellationToken CancellationToken { get; } = cancellationToken;
    }
}
