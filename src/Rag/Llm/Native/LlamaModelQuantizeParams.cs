using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>Mirror of <c>struct llama_model_quantize_params</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelQuantizeParams
{
    public int NThread;
    public int FType;
    public int OutputTensorType;
    public int TokenEmbeddingType;
    public bool AllowRequantize;
    public bool QuantizeOutputTensor;
    public bool OnlyCopy;
    public bool Pure;
    public bool KeepSplit;
    public bool DryRun;
    public nint Imatrix;
    public nint KvOverrides;
    public nint TtOverrides;
    public nint PruneLayers;
    public nuint MaxBufSize;
}
