using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.Rag.Tests.Answering;

/// <summary>
/// A chat client with callbacks: replies come from <see cref="Reply"/> (given the messages), every prompt is
/// recorded, streamed replies arrive in chunks of <see cref="ChunkSize"/> characters, and
/// <see cref="FailAfterChunks"/> makes the stream throw midway like a crashing model.
/// </summary>
internal sealed class FakeChatClient(Func<IReadOnlyList<ChatMessage>, string> reply) : IChatClient
{
    private readonly List<IReadOnlyList<ChatMessage>> _prompts = [];

    public Func<IReadOnlyList<ChatMessage>, string> Reply { get; set; } = reply;

    public int ChunkSize { get; set; } = 7;

    public int? FailAfterChunks { get; set; }

    /// <summary>Called before each streamed chunk with its index (to cancel or wait from a test).</summary>
    public Action<int>? BeforeChunk { get; set; }

    public string ModelId { get; set; } = "fake-model";

    /// <summary>When set, a last streamed update reports these tokens and this speed, as the local engine does.</summary>
    public (int Prompt, int Answer, double TokensPerSecond)? Usage { get; set; }

    public IReadOnlyList<IReadOnlyList<ChatMessage>> Prompts
    {
        get
        {
            lock (_prompts)
            {
                return [.. _prompts];
            }
        }
    }

    public int Calls => Prompts.Count;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = Reply(Record(messages));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = ModelId });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = Reply(Record(messages));
        var chunk = 0;
        for (var start = 0; start < text.Length; start += ChunkSize, chunk++)
        {
            BeforeChunk?.Invoke(chunk);
            cancellationToken.ThrowIfCancellationRequested();
            if (chunk == FailAfterChunks)
            {
                throw new InvalidOperationException("llama_decode returned 1 (out of KV cache)");
            }

            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(start, Math.Min(ChunkSize, text.Length - start)));
        }

        if (Usage is { } usage)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = usage.Prompt, OutputTokenCount = usage.Answer })])
            {
                AdditionalProperties = new AdditionalPropertiesDictionary { ["tokens_per_second"] = usage.TokensPerSecond },
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", defaultModelId: ModelId) : null;

    public void Dispose()
    {
    }

    /// <summary>The text of a recorded prompt's messages, system first.</summary>
    public static string Flatten(IReadOnlyList<ChatMessage> messages) => string.Join("\n", messages.Select(m => $"[{m.Role}] {m.Text}"));

    private List<ChatMessage> Record(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        lock (_prompts)
        {
            _prompts.Add(list);
        }

        return list;
    }
}
