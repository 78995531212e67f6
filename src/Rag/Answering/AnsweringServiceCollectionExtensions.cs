using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Answering.Digest;
using PaperBot.Rag.Answering.Evaluation;
using PaperBot.Rag.Answering.Packing;
using PaperBot.Rag.Answering.Prompts;
using PaperBot.Rag.Answering.Related;
using PaperBot.Rag.Answering.Retrieval;
using PaperBot.Rag.Index;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Answering;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>
    /// Registers retrieval, answering and the day digest. The model is optional: an <see cref="IChatClient"/>
    /// registered (before or after this call) makes answers generated, else they are extractive; an
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> makes retrieval hybrid; an <see cref="ITokenCounter"/>
    /// registered before this call replaces the character estimate (sized by Llm:ContextSize).
    /// </summary>
    public static IServiceCollection AddPaperBotAnswering(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrievalOptions>().BindValidatedSection(configuration, RetrievalOptions.Section, new RetrievalOptionsValidator());
        // The model settings answering needs come from the Llm and Embeddings options (registered once, validated on start).
        services.AddPaperBotLlmOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenCounter>(sp => new CharacterTokenEstimate(LlmOptionsOf(sp).ContextSize));
        services.TryAddSingleton(sp => new AnswerBudget(LlmOptionsOf(sp).MaxAnswerTokens));
        services.TryAddSingleton(sp => new PromptLibrary(sp.GetRequiredService<PaperBotPaths>().PromptsDirectory));
        services.TryAddSingleton<PaperLookup>();
        services.TryAddSingleton<PaperVectorStore>();
        services.TryAddSingleton<DigestStore>();
        services.TryAddSingleton(sp => new Retriever(
            sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<PaperLookup>(), sp.GetRequiredService<IOptions<RetrievalOptions>>(),
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is { } generator
                ? new EmbeddingIndex(
                    sp.GetRequiredService<PaperVectorStore>(), generator, sp.GetRequiredService<ILogger<EmbeddingIndex>>(),
                    sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.QueryPrefix)
                : null));
        services.TryAddSingleton<ContextPacker>();
        services.TryAddSingleton<FollowUpCondenser>();
        // Known at start from the model setup (not by resolving the chat client: the local one takes this notice, so
        // that would be a cycle); without one (a chat client given by the caller) there is nothing to say.
        services.TryAddSingleton(sp => new UnusableModelNotice(sp.GetService<ModelSetup>()?.ChatNotice));
        services.TryAddSingleton<PeriodResolver>();
        services.TryAddSingleton(sp => new Answerer(
            sp.GetRequiredService<Retriever>(), sp.GetRequiredService<PeriodResolver>(), sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<ContextPacker>(), sp.GetRequiredService<PromptLibrary>(),
            sp.GetRequiredService<FollowUpCondenser>(), sp.GetRequiredService<AnswerBudget>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Answerer>>(), sp.GetService<IChatClient>(), LlmOptionsOf(sp).FallbackToExtractive,
            sp.GetRequiredService<UnusableModelNotice>()));
        services.TryAddSingleton(sp => new DayDigest(
            sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<DigestStore>(), sp.GetRequiredService<PromptLibrary>(),
            sp.GetRequiredService<ITokenCounter>(), sp.GetRequiredService<AnswerBudget>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DayDigest>>(), sp.GetService<IChatClient>(), LlmOptionsOf(sp).FallbackToExtractive,
            MapParallelism(sp), sp.GetRequiredService<UnusableModelNotice>()));
        // Related papers share the retriever's dense index (one copy of the vectors in memory) when retrieval uses it.
        services.TryAddSingleton(sp => sp.GetRequiredService<Retriever>() is var retriever && retriever.IsHybrid
            ? new RelatedPapers(sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<PaperLookup>(), retriever.Embeddings)
            : new RelatedPapers(sp.GetRequiredService<PaperStore>(), sp.GetRequiredService<PaperLookup>()));
        services.TryAddSingleton<AnswerEvaluator>();
        return services;
    }

    private static LlmOptions LlmOptionsOf(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value;

    /// <summary>Gists written at once: the servers' summed Parallel with the remote provider, else one at a time.</summary>
    private static int MapParallelism(IServiceProvider services) =>
        services.GetService<ModelSetup>() is { IsRemoteChat: true } setup ? setup.Capacity : 1;
}
