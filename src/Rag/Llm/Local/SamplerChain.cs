using LLama.Native;

namespace PaperBot.Rag.Llm.Local;

/// <summary>Builds a request's native sampler chain; sampling then reads the context's logits in place.</summary>
internal static class SamplerChain
{
    private const uint RandomSeed = 0xFFFFFFFF; // LLAMA_DEFAULT_SEED

    public static SafeLLamaSamplerChainHandle Create(GenerationOptions options)
    {
        var parameters = LLamaSamplerChainParams.Default();
        parameters.NoPerf = true;
        var chain = SafeLLamaSamplerChainHandle.Create(parameters);
        var greedy = options.Temperature <= 0;
        if (!greedy && options.TopK > 0)
        {
            // Before the penalties: they cost a look-up per candidate (llama.h advises against the full vocabulary).
            chain.AddTopK(options.TopK);
        }

        if (options.RepeatPenalty != 1f)
        {
            chain.AddPenalties(options.RepeatLastN, options.RepeatPenalty, 0, 0);
        }

        if (greedy)
        {
            chain.AddGreedySampler();
            return chain;
        }

        if (options.TopP < 1f)
        {
            chain.AddTopP(options.TopP, 1);
        }

        if (options.MinP > 0f)
        {
            chain.AddMinP(options.MinP, 1);
        }

        chain.AddTemperature(options.Temperature);
        chain.AddDistributionSampler(options.Seed ?? RandomSeed);
        return chain;
    }
}
