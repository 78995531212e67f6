namespace PaperBot.Rag.Llm;

/// <summary>Why a model could not be loaded.</summary>
public enum ModelLoadFailure
{
    /// <summary>llama.cpp refused the file without a more specific cause.</summary>
    Unknown,
    FileNotFound,
    /// <summary>The file is not GGUF (wrong magic) or a GGUF version this release cannot read.</summary>
    NotGguf,
    /// <summary>The file ends before its header, metadata or tensor data do.</summary>
    Truncated,
    /// <summary>The header is readable but inconsistent (bad types, sizes, offsets).</summary>
    Corrupt,
    UnsupportedArchitecture,
    OutOfMemory,
    Cancelled,
    /// <summary>The CUDA backend was asked for, but llama.cpp has no GPU to offload to: it would silently run on the CPU.</summary>
    GpuUnavailable,
}
