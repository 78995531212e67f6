using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Remote;

namespace PaperBot.Rag.Tests.Llm;

/// <summary>The model setup every consumer shares: which provider, which files, how many requests at once, what to tell.</summary>
public sealed class ModelSetupTests : IDisposable
{
    private readonly DirectoryInfo _root = new(TestPaths.NewScratchFolder("setup-"));

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void A_missing_configured_model_leaves_answers_extractive_with_a_notice_and_llm_parallel_requests()
    {
        var setup = ModelSetup.Resolve(new LlmOptions { ModelPath = "models/missing.gguf", Parallel = 3 }, new EmbeddingsOptions(), _root.FullName);

        Assert.False(setup.IsChatAvailable);
        Assert.False(setup.UsesLocalChatModel);
        Assert.Contains("does not exist", setup.ChatModelReason, StringComparison.Ordinal);
        Assert.Contains("No model answers", setup.ChatNotice, StringComparison.Ordinal);
        Assert.Equal(3, setup.Capacity);
        Assert.Equal(4096, setup.ContextSize);
    }

    [Fact]
    public void Model_servers_answer_with_their_summed_capacity_and_no_notice_about_local_files()
    {
        var llm = new LlmOptions
        {
            Provider = LlmOptions.OpenAi,
            ModelPath = "models/missing.gguf",
            Endpoints = [new RemoteEndpointOptions { Url = "http://a/v1", Model = "m", Parallel = 2 }, new RemoteEndpointOptions { Url = "http://b/v1", Model = "m", Parallel = 6 }],
        };

        var setup = ModelSetup.Resolve(llm, new EmbeddingsOptions { Provider = LlmOptions.OpenAi }, _root.FullName);

        Assert.Equal((true, true, false), (setup.IsRemoteChat, setup.IsChatAvailable, setup.UsesLocalChatModel));
        Assert.Equal((true, true), (setup.IsRemoteEmbeddings, setup.IsEmbeddingAvailable));
        Assert.Null(setup.ChatNotice);
        Assert.Equal(8, setup.Capacity);
    }

    [Fact]
    public void No_model_configured_is_not_a_mistake_to_tell()
    {
        var setup = ModelSetup.Resolve(new LlmOptions { ModelPath = "" }, new EmbeddingsOptions(), _root.FullName);

        Assert.False(setup.IsChatAvailable);
        Assert.False(setup.IsEmbeddingAvailable);
        Assert.Null(setup.ChatNotice);
        Assert.Equal("no model configured", setup.ChatModelReason);
    }
}
