using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Rag;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;
using PaperBot.Rag.Llm.Remote;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as the .NET convention has it
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the options ("Llm", "Embeddings"), <see cref="ILlmAvailability"/>, <see cref="LlamaModelHost"/>,
    /// and, only when the model file is there, <see cref="IChatClient"/> and
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>. Models load on first use. With
    /// Llm:Provider (Embeddings:Provider) "openai" those come from OpenAI-compatible servers instead.
    /// </summary>
    /// <param name="baseDirectory">Where relative model paths and models/ are looked up; default: the working directory.</param>
    public static IServiceCollection AddPaperBotLlm(this IServiceCollection services, IConfiguration configuration, string? baseDirectory = null)
    {
        baseDirectory ??= Directory.GetCurrentDirectory();
        services.AddPaperBotLlmOptions(configuration);

        // Decided now, from the configuration, so that "no model" means no IChatClient in the container rather
        // than one that fails on first use.
        var availability = new LlmAvailability(
            SectionBinding.Read<LlmOptions>(configuration, LlmOptions.SectionName),
            SectionBinding.Read<EmbeddingsOptions>(configuration, EmbeddingsOptions.SectionName),
            baseDirectory);
        services.TryAddSingleton<ILlmAvailability>(availability);
        services.TryAddSingleton<LlamaModelHost>();

        // Llm:Provider / Embeddings:Provider "openai": servers take the place of the local models.
        var remote = services.AddPaperBotRemoteLlm(configuration);
        if (availability.IsChatModelAvailable && !remote.Chat)
        {
            services.TryAddSingleton<IChatClient>(sp =>
            {
                var host = sp.GetRequiredService<LlamaModelHost>();
                var local = new LlamaChatClient(new Lazy<LlamaEngine>(() => host.Engine), sp.GetRequiredService<IOptions<LlmOptions>>().Value.ToGenerationOptions());
                return new ChatClientBuilder(local)
                    .Use(inner => new ModelRefusalChatClient(inner, sp.GetService<UnusableModelNotice>(), sp.GetRequiredService<ILogger<ModelRefusalChatClient>>()))
                    .Build(sp);
            });
        }

        if (availability.IsEmbeddingModelAvailable && !remote.Embeddings)
        {
            services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                var host = sp.GetRequiredService<LlamaModelHost>();
                return new LlamaEmbeddingGenerator(new Lazy<LlamaEmbedder>(() => host.Embedder), availability.EmbeddingModelPath!);
            });
        }

        return services;
    }

    /// <summary>
    /// Binds the "Llm" and "Embeddings" sections to <see cref="LlmOptions"/> and <see cref="EmbeddingsOptions"/>,
    /// checked by their generated validators when the host starts; once, however often it is called.
    /// </summary>
    public static IServiceCollection AddPaperBotLlmOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<LlmOptions>)))
        {
            return services;
        }

        services.AddOptions<LlmOptions>().BindSection(configuration, LlmOptions.SectionName).ValidateOnStart();
        services.AddOptions<EmbeddingsOptions>().BindSection(configuration, EmbeddingsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.AddSingleton<IValidateOptions<EmbeddingsOptions>, EmbeddingsOptionsValidator>();
        return services;
    }
}
