using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>Owns a <c>llama_model*</c>; freed with <c>llama_model_free</c> once no context refers to it.</summary>
internal sealed class SafeLlamaModelHandle : SafeHandle
{
    public SafeLlamaModelHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_model_free(handle);
        return true;
    }
}
