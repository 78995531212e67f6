using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperBot.Rag.Llm.Remote;

public static class RemoteServiceCollectionExtensions
{
    /// <summary>The keyed <see cref="EndpointPool"/> of the chat servers (Llm:Endpoints).</summary>
    public const string ChatPoolKey = "chat";

    /// <summary>The keyed <see cref="EndpointPool"/> of the embedding servers (Embeddings:Endpoints).</summary>
    public const string EmbeddingsPoolKey = "embeddings";

    /// <summary>
    /// Registers the options ("Llm", "Embeddings") with their validation and, when Llm:Provider is "openai", the chat pool, its
    /// <see cref="IChatClient"/> and the server-side <see cref="ITokenCounter"/>; when Embeddings:Provider is
    /// "openai", the embeddings pool and its <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
    /// </summary>
    /// <returns>Which of chat and embeddings are remote, so the caller leaves those to this provider.</returns>
    public static (bool Chat, bool Embeddings) AddPaperBotRemoteLlm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPaperBotLlmOptions(configuration);
        services.TryAddSingleton(TimeProvider.System);

        var llm = SectionBinding.Read<LlmOptions>(configuration, LlmOptions.SectionName);
        var embeddings = SectionBinding.Read<EmbeddingsOptions>(configuration, EmbeddingsOptions.SectionName);
        if (llm.IsRemote)
        {
            services.AddKeyedSingleton(ChatPoolKey, (sp, _) =>
            {
                var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                return EndpointPoolFactory.Create(options.Endpoints, options.RequestTimeoutSeconds, options.RetryAfterSeconds,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<EndpointPool>());
            });
            services.TryAddSingleton(sp =>
            {
                var local = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                var defaults = new ChatOptions { Temperature = local.Temperature, TopP = local.TopP, Seed = local.Seed, MaxOutputTokens = local.MaxAnswerTokens };
                return new EndpointPoolChatClient(sp.GetRequiredKeyedService<EndpointPool>(ChatPoolKey), defaults,
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<EndpointPoolChatClient>());
            });
            services.TryAddSingleton<IChatClient>(sp => sp.GetRequiredService<EndpointPoolChatClient>());
            services.AddSingleton<ITokenCounter>(sp => new RemoteTokenCounter(
                sp.GetRequiredKeyedService<EndpointPool>(ChatPoolKey), sp.GetRequiredService<IOptions<LlmOptions>>().Value.ContextSize));
        }

        if (embeddings.IsRemote)
        {
            services.AddKeyedSingleton(EmbeddingsPoolKey, (sp, _) =>
            {
                var options = sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value;
                var timing = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                return EndpointPoolFactory.Create(options.Endpoints, timing.RequestTimeoutSeconds, timing.RetryAfterSeconds,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<EndpointPool>());
            });
            services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new EndpointPoolEmbeddingGenerator(
                sp.GetRequiredKeyedService<EndpointPool>(EmbeddingsPoolKey), sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.RequestBatchSize));
        }

        return (llm.IsRemote, embeddings.IsRemote);
    }
}
