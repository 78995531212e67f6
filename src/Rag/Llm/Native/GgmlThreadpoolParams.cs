using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>Mirror of <c>struct ggml_threadpool_params</c> (ggml.h of the pinned release; 528 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GgmlThreadpoolParams
{
    /// <summary>GGML_MAX_N_THREADS: the length of the CPU mask.</summary>
    public const int MaxThreads = 512;

    public fixed bool CpuMask[MaxThreads];
    public int NThreads;
    public int Prio;
    public uint Poll;
    public bool StrictCpu;
    public bool Paused;
}
