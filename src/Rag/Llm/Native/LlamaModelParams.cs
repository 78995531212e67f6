using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>Mirror of <c>struct llama_model_params</c> (llama.h of the pinned release; 80 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaModelParams
{
    public nint Devices;
    public nint TensorBuftOverrides;
    public int NGpuLayers;
    public int SplitMode;
    public int LoadMode;
    public int LazyMode;
    public int MainGpu;
    public float* TensorSplit;
    public delegate* unmanaged[Cdecl]<float, void*, byte> ProgressCallback;
    public void* ProgressCallbackUserData;
    public nint KvOverrides;
    public bool VocabOnly;
    public bool CheckTensors;
    public bool UseExtraBufts;
    public bool NoHost;
    public bool NoAlloc;
    public bool LoadMtp;
}
