using LLama.Exceptions;
using LLama.Native;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// Creates contexts and turns a refusal into a <see cref="ModelLoadException"/> with llama.cpp's reason. The context
/// holds a reference on the model handle, so the model is freed only after its last context. The CPU backend's
/// OpenMP workers stay alive between decodes, so no ggml threadpool is attached (LLamaSharp offers none).
/// </summary>
internal static class LlamaContextFactory
{
    /// <summary>The context parameters every context starts from: llama.cpp's defaults without perf counters.</summary>
    public static LLamaContextParams Defaults(int threads)
    {
        var parameters = LLamaContextParams.Default();
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.no_perf = true;
        return parameters;
    }

    public static SafeLLamaContextHandle Create(LlamaModel model, LLamaContextParams parameters, string what)
    {
        var log = LlamaLog.BeginCapture();
        try
        {
            var context = SafeLLamaContextHandle.Create(model.Handle, parameters);
            if (!context.IsInvalid)
            {
                return context;
            }

            // LLamaSharp's null check cannot fire on a marshalled SafeHandle, so a refused context arrives as an
            // invalid handle (using it would crash). Its reference on the model stays taken: the model's memory is
            // then freed only at exit, which a failed start reaches soon.
            context.Dispose();
        }
        catch (RuntimeError)
        {
            // Refused the way LLamaSharp documents it: explained below like the invalid handle.
        }
        finally
        {
            LlamaLog.EndCapture();
        }

        var detail = log.Count == 0 ? "llama.cpp gave no reason" : string.Join(" | ", log.TakeLast(3));
        var memory = log.Exists(l => l.Contains("alloc", StringComparison.OrdinalIgnoreCase) || l.Contains("memory", StringComparison.OrdinalIgnoreCase));
        throw memory
            ? new ModelLoadException(model.Path, ModelLoadFailure.OutOfMemory, $"not enough memory for a context of {what}; lower Llm:ContextSize or Llm:Parallel ({detail})")
            : new ModelLoadException(model.Path, ModelLoadFailure.Unknown, $"cannot create a context of {what} ({detail})");
    }
}
