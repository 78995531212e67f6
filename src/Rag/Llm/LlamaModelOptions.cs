namespace PaperBot.Rag.Llm;

/// <summary>How a model file is loaded.</summary>
public sealed record LlamaModelOptions
{
    /// <summary>Folder with libllama.so and its libggml*.so; null = the LLamaSharp backend package's libraries.</summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>"cpu" or "cuda": "cuda" asks LLamaSharp for its CUDA build and fails the load when no GPU registers.</summary>
    public string Backend { get; init; } = "cpu";

    /// <summary>Layers to offload to the GPU; -1 = all, 0 = none.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Memory-map the file instead of reading it (faster start, shared pages).</summary>
    public bool UseMmap { get; init; } = true;
}
