using System.ComponentModel.DataAnnotations;
using PaperBot.Rag.Llm.Remote;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Which model answers and how (configuration section "Llm"): the local GGUF model in this process, or
/// OpenAI-compatible servers. Checked by <see cref="LlmOptionsValidator"/>.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Llm";

    /// <summary>The <see cref="Provider"/> that runs the GGUF model in this process.</summary>
    public const string Local = "local";

    /// <summary>The <see cref="Provider"/> that sends requests to the servers in <see cref="Endpoints"/>.</summary>
    public const string OpenAi = "openai";

    /// <summary>"local" (the GGUF model in this process) or "openai" (the servers in <see cref="Endpoints"/>).</summary>
    [RegularExpression("^(local|openai)$", ErrorMessage = "Llm:Provider must be local or openai.")]
    public string Provider { get; set; } = Local;

    /// <summary>The servers used when <see cref="Provider"/> is "openai".</summary>
    public List<RemoteEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>With every server down, answer extractively (with a notice) instead of failing.</summary>
    public bool FallbackToExtractive { get; set; } = true;

    /// <summary>
    /// Longest wait for one network step: the response to start, or the next piece of a stream. A server that
    /// takes longer counts as failed.
    /// </summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a failed server stays out of the rotation before a health probe may bring it back.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    public bool IsRemote => string.Equals(Provider, OpenAi, StringComparison.Ordinal);

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

    /// <summary>The endpoint list is only required (and checked) when the provider is "openai".</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        IsRemote ? RemoteEndpointsValidation.Results(SectionName, Endpoints) : [];

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
