using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlamaLifetimeTests(LlamaModels models)
{
    private static readonly GenerationOptions Options = GenerationOptions.Greedy with { MaxTokens = 4 };
    private static readonly LlamaEngineOptions Small = new() { ContextSize = 128, Parallel = 1, Threads = 1 };

    [Fact]
    public async Task Model_disposed_before_the_engine_stays_alive_until_the_engine_goes()
    {
        var model = LlamaModel.Load(models.Llama);
        var engine = new LlamaEngine(model, Small);
        model.Dispose();

        var result = await engine.GenerateTextAsync("still here", Options);
        engine.Dispose();

        Assert.Equal(4, result.Stats.CompletionTokens);
        Assert.Throws<ObjectDisposedException>(() => model.Tokenize("x"));
    }

    [Fact]
    public async Task Engine_with_two_threads_serves_two_requests_together()
    {
        using var model = LlamaModel.Load(models.Llama);
        using var engine = new LlamaEngine(model, new LlamaEngineOptions { ContextSize = 128, Parallel = 2, Threads = 2 });
        var results = await Task.WhenAll(engine.GenerateTextAsync("one pool", Options), engine.GenerateTextAsync("two threads", Options));

        Assert.All(results, r => Assert.Equal(4, r.Stats.CompletionTokens));
    }

    [Fact]
    public void Engine_disposed_before_the_model()
    {
        using var model = LlamaModel.Load(models.Llama);
        new LlamaEngine(model, Small).Dispose();
        Assert.NotEmpty(model.Tokenize("the model still works"));
    }

    [Fact]
    public async Task Disposing_the_engine_during_generation_fails_the_stream_cleanly()
    {
        using var model = LlamaModel.Load(models.Llama);
        // Room for thousands of tokens, so that the stream is still running when the engine goes, even when this thread
        // is held up on a loaded machine (with 100 tokens, the generation sometimes finished first).
        var engine = new LlamaEngine(model, Small with { ContextSize = 8192 });
        var stream = engine.GenerateAsync("go on and on", Options with { MaxTokens = 8000 }).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        engine.Dispose();
        engine.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            while (await stream.MoveNextAsync())
            {
            }
        });
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.GenerateTextAsync("after"));
    }

    [Fact]
    public async Task Two_models_generate_side_by_side()
    {
        using var llama = LlamaModel.Load(models.Llama);
        using var qwen = LlamaModel.Load(models.Qwen2);
        using var llamaEngine = new LlamaEngine(llama, Small);
        using var qwenEngine = new LlamaEngine(qwen, Small);

        var results = await Task.WhenAll(llamaEngine.GenerateTextAsync("Hello", Options), qwenEngine.GenerateTextAsync("Hello", Options));

        Assert.Equal("qwen2", qwen.Info.Architecture);
        Assert.All(results, r => Assert.Equal(4, r.Stats.CompletionTokens));
    }
}
