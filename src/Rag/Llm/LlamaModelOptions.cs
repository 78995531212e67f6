namespace PaperBot.Rag.Llm;

/// <summary>How a model file is loaded.</summary>
public sealed record LlamaModelOptions
{
    /// <summary>Folder with libllama/libggml; null = the output's native/&lt;backend&gt;/ folder.</summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>"cpu" or "cuda": which native/&lt;backend&gt;/ folder to use.</summary>
    public string Backend { get; init; } = "cpu";

    /// <summary>Layers to offload to the GPU; -1 = all, 0 = none.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>Memory-map the file instead of reading it (faster start, shared pages).</summary>
    public bool UseMmap { get; init; } = true;
}
