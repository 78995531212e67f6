using PaperBot.Rag.Llm.Native;

namespace PaperBot.Rag.Llm;

/// <summary>Builds a request's native sampler chain; sampling then reads the context's logits in place.</summary>
internal static class SamplerChain
{
    private const uint RandomSeed = 0xFFFFFFFF; // LLAMA_DEFAULT_SEED

    public static SafeLlamaSamplerHandle Create(GenerationOptions options, int vocabularySize)
    {
        var chain = new SafeLlamaSamplerHandle(LlamaNative.llama_sampler_chain_init(new LlamaSamplerChainParams { NoPerf = true }));
        var greedy = options.Temperature <= 0;
        if (!greedy && options.TopK > 0)
        {
            // Before the penalties: they cost a look-up per candidate (llama.h advises against the full vocabulary).
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_top_k(options.TopK));
        }

        if (options.RepeatPenalty != 1f)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_penalties(vocabularySize, options.RepeatLastN, options.RepeatPenalty, 0, 0));
        }

        if (greedy)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_greedy());
            return chain;
        }

        if (options.TopP < 1f)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_top_p(options.TopP, 1));
        }

        if (options.MinP > 0f)
        {
            LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_min_p(options.MinP, 1));
        }

        LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_temp(options.Temperature));
        LlamaNative.llama_sampler_chain_add(chain, LlamaNative.llama_sampler_init_dist(options.Seed ?? RandomSeed));
        return chain;
    }
}
