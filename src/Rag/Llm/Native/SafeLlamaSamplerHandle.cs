using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>Owns a <c>llama_sampler*</c> chain; freeing the chain frees the samplers added to it.</summary>
internal sealed class SafeLlamaSamplerHandle : SafeHandle
{
    public SafeLlamaSamplerHandle(nint sampler)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(sampler);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_sampler_free(handle);
        return true;
    }
}
