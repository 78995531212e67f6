using System.Runtime.InteropServices;

namespace PaperBot.Rag.Llm.Native;

/// <summary>
/// Owns a <c>ggml_threadpool*</c> of the CPU backend: worker threads that live as long as the context using them.
/// Without one, a build without OpenMP (the prebuilt libraries) starts and joins its workers on every
/// llama_decode, and the workers start cold; llama.cpp's own tools attach one for the same reason.
/// </summary>
internal sealed unsafe class SafeGgmlThreadpoolHandle : SafeHandle
{
    private delegate* unmanaged<nint, void> _free;

    public SafeGgmlThreadpoolHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>A pool of <paramref name="threads"/> with ggml's default settings; null when the CPU backend offers none.</summary>
    public static SafeGgmlThreadpoolHandle? TryCreate(int threads)
    {
        var cpu = LlamaNative.ggml_backend_reg_by_name("CPU");
        if (cpu == 0)
        {
            return null;
        }

        var create = (delegate* unmanaged<GgmlThreadpoolParams*, nint>)LlamaNative.ggml_backend_reg_get_proc_address(cpu, "ggml_threadpool_new");
        var free = (delegate* unmanaged<nint, void>)LlamaNative.ggml_backend_reg_get_proc_address(cpu, "ggml_threadpool_free");
        if (create == null || free == null)
        {
            return null;
        }

        // ggml does not refuse a count outside 1..GGML_MAX_N_THREADS (it asserts or overruns its CPU mask).
        GgmlThreadpoolParams parameters;
        LlamaNative.ggml_threadpool_params_init(&parameters, Math.Clamp(threads, 1, GgmlThreadpoolParams.MaxThreads));
        var pool = create(&parameters);
        if (pool == 0)
        {
            return null;
        }

        var handle = new SafeGgmlThreadpoolHandle { _free = free };
        handle.SetHandle(pool);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}
