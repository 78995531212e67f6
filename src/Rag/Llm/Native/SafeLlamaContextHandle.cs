using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// Owns a <c>llama_context*</c>. It holds a reference on its model handle (DangerousAddRef), so the model is
/// freed only after the context, whatever order the owners are disposed in.
/// </summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;

    public SafeLlamaContextHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Creates a context on <paramref name="model"/>; returns null when llama.cpp could not (memory, bad parameters).</summary>
    public static SafeLlamaContextHandle? Create(SafeLlamaModelHandle model, LlamaContextParams parameters)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        var ptr = LlamaNative.llama_init_from_model(model, parameters);
        if (ptr == IntPtr.Zero)
        {
            model.DangerousRelease();
            return null;
        }

        var context = new SafeLlamaContextHandle { _model = model };
        context.SetHandle(ptr);
        return context;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _model?.DangerousRelease();
        _model = null;
        return true;
    }
}
