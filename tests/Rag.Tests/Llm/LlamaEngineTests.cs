using PaperBot.Rag.Llm;
using PaperBot.Rag.Llm.Local;

namespace PaperBot.Rag.Tests.Llm;

[Collection(LlamaTestGroup.Name)]
public sealed class LlamaEngineTests(LlamaModels models) : IDisposable
{
    private static readonly GenerationOptions Greedy = GenerationOptions.Greedy with { MaxTokens = 24 };
    private readonly LlamaModel _model = LlamaModel.Load(models.Llama);

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task Greedy_generation_equals_a_plain_decode_loop()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 512, Parallel = 2 });
        var prompt = engine.Tokenize("The quick brown fox");

        var result = await Collect(engine.GenerateAsync(prompt, Greedy));

        Assert.Equal(ReferenceDecoder.Greedy(_model, prompt, Greedy.MaxTokens), result.Stats.OutputTokens);
        Assert.Equal(_model.Detokenize(result.Stats.OutputTokens), result.Text);
    }

    [Fact]
    public async Task Concurrent_requests_get_what_they_get_alone()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 256, Parallel = 4 });
        string[] prompts = ["Once upon a time", "In a galaxy far away", "The weather today is", "Abstract: we propose"];
        var alone = new List<IReadOnlyList<int>>();
        foreach (var prompt in prompts)
        {
            alone.Add((await engine.GenerateTextAsync(prompt, Greedy)).Stats.OutputTokens);
        }

        var together = await Task.WhenAll(prompts.Select(p => Task.Run(() => engine.GenerateTextAsync(p, Greedy))));

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(alone[i], together[i].Stats.OutputTokens);
        }
    }

    [Fact]
    public async Task Many_threads_at_once_all_complete_correctly()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 128, Parallel = 4 });
        var options = Greedy with { MaxTokens = 6 };
        var prompts = Enumerable.Range(0, 16).Select(i => $"Request number {i} says").ToArray();
        var expected = prompts.Select(p => ReferenceDecoder.Greedy(_model, engine.Tokenize(p), options.MaxTokens)).ToArray();

        var threads = prompts.Select(p => Task.Factory.StartNew(() => engine.GenerateTextAsync(p, options).GetAwaiter().GetResult(), TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(threads);

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(expected[i], results[i].Stats.OutputTokens);
        }

        Assert.Equal(16, engine.Counters.Requests);
    }

    [Fact]
    public async Task Max_tokens_ends_the_answer()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 256, Parallel = 1 });
        var result = await engine.GenerateTextAsync("Count with me:", Greedy with { MaxTokens = 5 });
        Assert.Equal(5, result.Stats.CompletionTokens);
        Assert.Equal(GenerationFinishReason.MaxTokens, result.Stats.FinishReason);
    }

    [Fact]
    public async Task Stop_sequence_ends_the_answer_before_it()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 256, Parallel = 1 });
        var full = await engine.GenerateTextAsync("Tell me a story", Greedy with { MaxTokens = 40 });
        var stop = full.Text.Substring(full.Text.Length / 2, 3);
        var expected = full.Text[..full.Text.IndexOf(stop, StringComparison.Ordinal)];

        var pieces = new List<string>();
        GenerationStats? stats = null;
        await foreach (var chunk in engine.GenerateAsync("Tell me a story", Greedy with { MaxTokens = 40, StopSequences = ["\u0001never", stop] }))
        {
            pieces.Add(chunk.Text);
            stats = chunk.Stats ?? stats;
        }

        Assert.Equal(expected, string.Concat(pieces));
        Assert.Equal(GenerationFinishReason.StopSequence, stats!.FinishReason);
        Assert.DoesNotContain(pieces, p => p.Contains(stop, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_mid_stream_frees_the_sequence()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 4096, Parallel = 1 });
        using var cts = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in engine.GenerateAsync("Write forever", Greedy with { MaxTokens = 4000 }, cts.Token))
            {
                if (++received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        // The only slot must be free again: a new request completes.
        var next = await engine.GenerateTextAsync("Hello", Greedy with { MaxTokens = 3 }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, next.Stats.CompletionTokens);
        Assert.Equal(1, engine.Counters.Cancelled);
        // Stopped by the cancellation, not by the token limit. (How far it got depends on when the consumer's thread
        // ran: the tiny model makes thousands of tokens a second, so a tighter bound would measure the machine's load.)
        Assert.InRange(engine.Counters.GeneratedTokens, 3, 3999);
    }

    [Fact]
    public async Task A_shared_prefix_is_evaluated_once()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 1024, Parallel = 2 });
        var prefix = string.Join(" ", Enumerable.Range(0, 80).Select(i => $"word{i}"));
        var first = engine.Tokenize(prefix + " first question");
        var second = engine.Tokenize(prefix + " second question");
        var shared = first.Zip(second).TakeWhile(p => p.First == p.Second).Count();

        await engine.GenerateTextAsync(prefix + " first question", Greedy);
        var before = engine.Counters;
        var result = await engine.GenerateTextAsync(prefix + " second question", Greedy);
        var after = engine.Counters;

        Assert.Equal(shared, result.Stats.PromptTokensReused);
        Assert.Equal(shared, after.PromptTokensReused - before.PromptTokensReused);
        Assert.Equal(second.Length - shared, after.PromptTokensEvaluated - before.PromptTokensEvaluated);
        Assert.Equal(ReferenceDecoder.Greedy(_model, second, Greedy.MaxTokens), result.Stats.OutputTokens);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused_with_both_lengths()
    {
        using var engine = new LlamaEngine(_model, new LlamaEngineOptions { Threads = 1, ContextSize = 256, Parallel = 1 });
        var prompt = string.Join(" ", Enumerable.Repeat("token", 400));

        var error = await Assert.ThrowsAsync<PromptTooLongException>(() => engine.GenerateTextAsync(prompt));

        Assert.True(error.PromptTokens >= 400);
        Assert.Equal(engine.SequenceContextSize, error.ContextTokens);
        Assert.Contains(error.PromptTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    private static async Task<GenerationResult> Collect(IAsyncEnumerable<GenerationChunk> chunks)
    {
        var text = new System.Text.StringBuilder();
        GenerationStats? stats = null;
        await foreach (var chunk in chunks)
        {
            text.Append(chunk.Text);
            stats = chunk.Stats ?? stats;
        }

        return new GenerationResult(text.ToString(), stats!);
    }
}
