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
    /// Registers the options ("Llm", "Embeddings"), the <see cref="ModelSetup"/> resolved from them, <see cref="LlamaModelHost"/>,
    /// and, only when a model is there, <see cref="IChatClient"/> and
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>. Models load on first use. With
    /// Llm:Provider (Embeddings:Provider) "openai" those come from OpenAI-compatible servers instead.
    /// </summary>
    /// <param name="baseDirectory">Where relative model paths and models/ are looked up; default: the working directory.</param>
    public static IServiceCollection AddPaperBotLlm(this IServiceCollection services, IConfiguration configuration, string? baseDirectory = null)
    {
        baseDirectory ??= Directory.GetCurrentDirectory();
        services.AddPaperBotLlmOptions(configuration);

        // Decided now, once, so that "no model" means no IChatClient in the container rather than one that fails on
        // first use. Options that fail validation get no model: the host then refuses to start, naming the keys.
        var llm = SectionBinding.Read<LlmOptions>(configuration, LlmOptions.SectionName);
        var embeddings = SectionBinding.Read<EmbeddingsOptions>(configuration, EmbeddingsOptions.SectionName);
        var setup = new LlmOptionsValidator().Validate(null, llm).Succeeded && new EmbeddingsOptionsValidator().Validate(null, embeddings).Succeeded
            ? ModelSetup.Resolve(llm, embeddings, baseDirectory)
            : ModelSetup.Invalid(llm);
        services.TryAddSingleton(setup);
        services.TryAddSingleton<LlamaModelHost>();

        // Llm:Provider / Embeddings:Provider "openai": servers take the place of the local models.
        services.AddPaperBotRemoteLlm(setup);
        if (setup.UsesLocalChatModel)
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

        if (setup.UsesLocalEmbeddingModel)
        {
            services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                var host = sp.GetRequiredService<LlamaModelHost>();
                return new LlamaEmbeddingGenerator(new Lazy<LlamaEmbedder>(() => host.Embedder), setup.EmbeddingModelPath!);
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

        services.AddOptions<LlmOptions>().BindValidatedSection(configuration, LlmOptions.SectionName, new LlmOptionsValidator());
        services.AddOptions<EmbeddingsOptions>().BindValidatedSection(configuration, EmbeddingsOptions.SectionName, new EmbeddingsOptionsValidator());
        return services;
    }
}
