using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Llm;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlmServiceCollectionExtensionsTests(LlamaModels models) : IDisposable
{
    private readonly DirectoryInfo _root = new(TestPaths.NewScratchFolder("di-"));

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Without_a_model_no_chat_client_is_registered()
    {
        using var provider = Build(new Dictionary<string, string?>());

        var availability = provider.GetRequiredService<ModelSetup>();
        Assert.False(availability.IsChatAvailable);
        Assert.Contains("models", availability.ChatModelReason, StringComparison.Ordinal);
        Assert.Null(provider.GetService<IChatClient>());
        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task Auto_finds_the_chat_and_embedding_models_and_loads_them_on_first_use()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "models"));
        File.Copy(models.Bert, Path.Combine(folder.FullName, "a-bge.gguf"));
        File.Copy(models.Llama, Path.Combine(folder.FullName, "b-chat.gguf"));
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Llm:Threads"] = "1",
            ["Llm:ContextSize"] = "512",
            ["Llm:Parallel"] = "1",
            ["Llm:Temperature"] = "0",
            ["Embeddings:ModelPath"] = "auto",
        });

        var availability = provider.GetRequiredService<ModelSetup>();
        Assert.EndsWith("b-chat.gguf", availability.ChatModelPath, StringComparison.Ordinal);
        Assert.EndsWith("a-bge.gguf", availability.EmbeddingModelPath, StringComparison.Ordinal);

        var chat = provider.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("Hello", new ChatOptions { MaxOutputTokens = 3 });
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 3);

        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["paper"]);
        Assert.Single(embeddings);
    }

    [Fact]
    public void Invalid_options_name_the_key()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Llm:Backend"] = "rocm", ["Llm:ModelPath"] = "" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmOptions>>().Value);
        Assert.Contains("Llm:Backend", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPaperBotLlm(configuration, _root.FullName).BuildServiceProvider();
    }
}
