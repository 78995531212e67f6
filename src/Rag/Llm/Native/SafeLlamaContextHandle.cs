using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// Owns a <c>llama_context*</c>. It holds a reference on its model handle (DangerousAddRef), so the model is
/// freed only after the context, whatever order the owners are disposed in; likewise its CPU threadpool.
/// </summary>
internal sealed class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;
    private SafeGgmlThreadpoolHandle? _threadpool;

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

    /// <summary>Makes the context compute on <paramref name="threadpool"/> (prompt and generation alike) and keeps it alive.</summary>
    public void Attach(SafeGgmlThreadpoolHandle threadpool)
    {
        var added = false;
        threadpool.DangerousAddRef(ref added);
        _threadpool = threadpool;
        LlamaNative.llama_attach_threadpool(this, threadpool.DangerousGetHandle(), threadpool.DangerousGetHandle());
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _model?.DangerousRelease();
        _model = null;
        _threadpool?.DangerousRelease();
        _threadpool = null;
        return true;
    }
}
