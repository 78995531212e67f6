using Microsoft.Extensions.AI;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlamaChatClientTests(LlamaModels models) : IDisposable
{
    private static readonly ChatMessage[] Conversation = [new(ChatRole.System, "You answer briefly."), new(ChatRole.User, "What is a transformer?")];
    private readonly LlamaModel _model = LlamaModel.Load(models.Qwen2);
    private LlamaEngine? _engine;

    private LlamaEngine Engine => _engine ??= new LlamaEngine(_model, new LlamaEngineOptions { ContextSize = 512, Parallel = 2, Threads = 1 });

    public void Dispose()
    {
        _engine?.Dispose();
        _model.Dispose();
    }

    [Fact]
    public void Falls_back_to_chatml_without_a_usable_template()
    {
        var (prompt, fallback) = LlamaChatTemplate.Apply(null, [("system", "Be brief."), ("user", "Hi")]);
        Assert.True(fallback);
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", prompt);
        Assert.True(LlamaChatTemplate.Apply("{% not a template llama.cpp knows %}", [("user", "Hi")]).UsedFallback);
    }

    [Fact]
    public async Task Answers_with_usage_and_timings()
    {
        using var client = new LlamaChatClient(Engine);
        var response = await client.GetResponseAsync(Conversation, new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });

        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage.InputTokenCount > 10);
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 1, 8);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
        Assert.NotNull(response.FinishReason);
        Assert.True(response.AdditionalProperties!.ContainsKey("time_to_first_token_ms"));
    }

    [Fact]
    public async Task Streaming_gives_the_same_text_as_the_whole_answer()
    {
        using var client = new LlamaChatClient(Engine);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 12 };
        var whole = await client.GetResponseAsync(Conversation, options);
        var streamed = string.Concat(await client.GetStreamingResponseAsync(Conversation, options).Select(u => u.Text).ToListAsync());

        Assert.Equal(whole.Text, streamed);
    }

    [Fact]
    public async Task Same_seed_same_answer_when_sampling()
    {
        using var client = new LlamaChatClient(Engine);
        var options = new ChatOptions { Temperature = 1.0f, TopP = 0.9f, Seed = 42, MaxOutputTokens = 10 };
        var first = await client.GetResponseAsync(Conversation, options);
        var second = await client.GetResponseAsync(Conversation, options);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Usage!.InputTokenCount, second.Usage!.CachedInputTokenCount + 1);
    }

    [Fact]
    public async Task The_model_loads_only_on_first_use()
    {
        var created = false;
        using var client = new LlamaChatClient(new Lazy<LlamaEngine>(() =>
        {
            created = true;
            return Engine;
        }));
        Assert.False(created);
        await client.GetResponseAsync(Conversation, new ChatOptions { MaxOutputTokens = 1 });
        Assert.True(created);
    }
}
