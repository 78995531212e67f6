using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Answering;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Watches;

namespace PaperBot.Rag.Hosting;

public static class RagServiceCollectionExtensions
{
    /// <summary>
    /// Everything the front ends use: the index, the Daily Papers client, the local models (when present) and
    /// answering. With a chat model, prompts are counted with the model's own tokenizer.
    /// </summary>
    public static IServiceCollection AddPaperBotRag(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPaperBotIndex(configuration, contentRoot);
        services.AddPaperBotSync(configuration);
        services.AddPaperBotLlm(configuration, contentRoot);
        services.AddPaperBotAnswering(configuration);
        services.AddPaperBotWatches();
        // The remote provider registers its own counter (the server's tokenizer).
        if (services.Select(d => d.ImplementationInstance).OfType<ModelSetup>().First().UsesLocalChatModel)
        {
            services.AddSingleton<ITokenCounter, ModelTokenCounter>();
        }

        return services;
    }

    /// <summary>Registers the paper index and ingestion, with options validated when the host starts.</summary>
    public static IServiceCollection AddPaperBotIndex(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DataOptions>().BindValidatedSection(configuration, DataOptions.Section, new DataOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new PaperBotPaths(contentRoot, sp.GetRequiredService<IOptions<DataOptions>>()));
        services.AddSingleton(sp => new PaperStore(sp.GetRequiredService<PaperBotPaths>().DatabasePath));
        services.AddSingleton<Ingestor>();
        services.AddSingleton<IndexBootstrapper>();
        return services;
    }
}
