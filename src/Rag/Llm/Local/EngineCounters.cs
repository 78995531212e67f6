namespace PaperBot.Rag.Llm.Local;

/// <summary>Totals since the engine started.</summary>
/// <param name="PromptTokensEvaluated">Prompt tokens run through the model.</param>
/// <param name="PromptTokensReused">Prompt tokens served from a sequence's KV cache (shared prefix).</param>
/// <param name="PromptDecodeTime">Time in llama_decode for steps that carried prompt tokens.</param>
/// <param name="GenerationDecodeTime">Time in llama_decode for steps that carried only next-token inputs.</param>
/// <param name="SampleTime">Time in native sampling (llama_sampler_sample).</param>
/// <param name="BusyTime">Time the scheduler spent in steps (decode, sampling and its own managed work).</param>
public sealed record EngineCounters(
    long Requests,
    long Cancelled,
    long PromptTokensEvaluated,
    long PromptTokensReused,
    long GeneratedTokens,
    long DecodeCalls,
    TimeSpan PromptDecodeTime,
    TimeSpan GenerationDecodeTime,
    TimeSpan SampleTime,
    TimeSpan BusyTime)
{
    /// <summary>Scheduler time outside llama_decode and native sampling: the cost of the managed layer.</summary>
    public TimeSpan ManagedTime => BusyTime - PromptDecodeTime - GenerationDecodeTime - SampleTime;
}
