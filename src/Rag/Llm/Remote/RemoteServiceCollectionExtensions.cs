using Microsoft.Extensions.AI;
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
    /// When the chat provider is "openai", registers the chat pool, its <see cref="IChatClient"/> and the server-side
    /// <see cref="ITokenCounter"/>; when the embeddings provider is "openai", the embeddings pool and its
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. The options are registered by AddPaperBotLlm.
    /// </summary>
    internal static IServiceCollection AddPaperBotRemoteLlm(this IServiceCollection services, ModelSetup setup)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (setup.IsRemoteChat)
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

        if (setup.IsRemoteEmbeddings)
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

        return services;
    }
}
