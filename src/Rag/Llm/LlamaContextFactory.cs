using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>
/// Creates contexts, each on its own persistent CPU threadpool when the CPU computes (a share of) the model,
/// and turns a refusal into a <see cref="ModelLoadException"/> with llama.cpp's reason.
/// </summary>
internal static class LlamaContextFactory
{
    public static SafeLlamaContextHandle Create(LlamaModel model, LlamaContextParams parameters, string what)
    {
        var log = LlamaLog.BeginCapture();
        try
        {
            var context = SafeLlamaContextHandle.Create(model.Handle, parameters);
            if (context is not null)
            {
                // The context holds the pool; disposing our reference leaves it to the context's lifetime. A fully
                // offloaded model leaves the CPU next to nothing to do, and idle pool threads would only spin.
                using var threadpool = model.ComputesOnCpu ? SafeGgmlThreadpoolHandle.TryCreate(parameters.NThreads) : null;
                if (threadpool is not null)
                {
                    context.Attach(threadpool);
                }

                return context;
            }
        }
        finally
        {
            LlamaLog.EndCapture();
        }

        var detail = log.Count == 0 ? "llama.cpp gave no reason" : string.Join(" | ", log.TakeLast(3));
        var memory = log.Exists(l => l.Contains("alloc", StringComparison.OrdinalIgnoreCase) || l.Contains("memory", StringComparison.OrdinalIgnoreCase));
        return memory
            ? throw new ModelLoadException(model.Path, ModelLoadFailure.OutOfMemory, $"not enough memory for a context of {what}; lower Llm:ContextSize or Llm:Parallel ({detail})")
            : throw new ModelLoadException(model.Path, ModelLoadFailure.Unknown, $"cannot create a context of {what} ({detail})");
    }
}
