using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Llm;

/// <summary>The local chat model (configuration section "Llm").</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>A GGUF file; "auto" = the first *.gguf under models/ that is not an embedding model; "" = none.</summary>
    public string ModelPath { get; set; } = "auto";

    /// <summary>Folder with a llama.cpp build (libllama.so and its libggml*.so, e.g. from scripts/build-llama.sh) loaded
    /// through LLamaSharp's NativeLibraryConfig; empty = the LLamaSharp backend package's libraries.</summary>
    public string? NativeLibraryPath { get; set; }

    [RegularExpression("^(cpu|cuda)$", ErrorMessage = "Llm:Backend must be cpu or cuda.")]
    public string Backend { get; set; } = "cpu";

    /// <summary>Layers offloaded to the GPU: -1 = all, 0 = none.</summary>
    [Range(-1, 10_000)]
    public int GpuLayers { get; set; } = -1;

    /// <summary>Tokens per sequence (prompt plus answer).</summary>
    [Range(256, 1 << 20)]
    public int ContextSize { get; set; } = 4096;

    /// <summary>Requests decoded together; more wait in a queue.</summary>
    [Range(1, 64)]
    public int Parallel { get; set; } = 4;

    /// <summary>CPU threads; 0 = all processors.</summary>
    [Range(0, 1024)]
    public int Threads { get; set; }

    [Range(16, 8192)]
    public int BatchSize { get; set; } = 512;

    /// <summary>0 = greedy.</summary>
    [Range(0.0, 5.0)]
    public float Temperature { get; set; } = 0.7f;

    [Range(0.0, 1.0)]
    public float TopP { get; set; } = 0.95f;

    [Range(0.0, 1.0)]
    public float MinP { get; set; } = 0.05f;

    /// <summary>1 = off.</summary>
    [Range(0.5, 3.0)]
    public float RepeatPenalty { get; set; } = 1.1f;

    /// <summary>Empty = a random seed per request.</summary>
    public uint? Seed { get; set; }

    [Range(1, 1 << 16)]
    public int MaxAnswerTokens { get; set; } = 512;

    /// <summary>Memory-map the model file.</summary>
    public bool UseMmap { get; set; } = true;

    public GenerationOptions ToGenerationOptions() => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        MinP = MinP,
        RepeatPenalty = RepeatPenalty,
        Seed = Seed,
        MaxTokens = MaxAnswerTokens,
    };

    public LlamaModelOptions ToModelOptions() => new()
    {
        NativeLibraryPath = string.IsNullOrWhiteSpace(NativeLibraryPath) ? null : NativeLibraryPath,
        Backend = Backend,
        GpuLayers = GpuLayers,
        UseMmap = UseMmap,
    };

    public LlamaEngineOptions ToEngineOptions() => new()
    {
        ContextSize = ContextSize,
        Parallel = Parallel,
        BatchSize = BatchSize,
        Threads = Threads,
    };
}
