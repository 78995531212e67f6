using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.TestSupport.Chat;

/// <summary>
/// The fake model of every test (dotnet/extensions' TestChatClient, with callbacks): <see cref="Reply"/> (given the
/// prompt's messages) is the answer, streamed word by word, or in pieces of <see cref="ChunkSize"/> characters, with
/// <see cref="TokenDelay"/> between pieces. Non-streamed calls (the follow-up rewrite) answer <see cref="Rewrite"/>
/// when it is set. The next streamed answer can fail midway (<see cref="FailAfter"/>) or block until it is cancelled
/// (<see cref="BlockNext"/>); <see cref="BeforeChunk"/> lets a test act between pieces, and <see cref="Usage"/> ends
/// a stream with the token counts and speed the local engine reports. Every prompt is recorded.
/// </summary>
public sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, string>? reply = null) : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<ChatMessage>> _prompts = [];

    public Func<IReadOnlyList<ChatMessage>, string> Reply { get; set; } = reply ?? (_ => "Lumina uses flow matching [1].");

    /// <summary>What non-streamed calls answer; null: <see cref="Reply"/>'s answer.</summary>
    public string? Rewrite { get; set; }

    public TimeSpan TokenDelay { get; set; }

    /// <summary>Characters per streamed piece; null: one word per piece.</summary>
    public int? ChunkSize { get; set; }

    /// <summary>The next streamed answer throws before this piece, as a crashing model does (once).</summary>
    public int? FailAfter { get; set; }

    /// <summary>The next streamed answer writes one piece, then waits until it is cancelled (once).</summary>
    public bool BlockNext { get; set; }

    /// <summary>Called before each streamed piece with its index (to cancel or wait from a test).</summary>
    public Action<int>? BeforeChunk { get; set; }

    /// <summary>When set, a last streamed update reports these tokens and this speed, as the local engine does.</summary>
    public (int Prompt, int Answer, double TokensPerSecond)? Usage { get; set; }

    /// <summary>Set when a blocked answer is waiting for its cancellation.</summary>
    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The messages of every call, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Prompts
    {
        get
        {
            lock (_gate)
            {
                return [.. _prompts];
            }
        }
    }

    /// <summary>Every call's messages as one text: "[role] text" lines.</summary>
    public IReadOnlyList<string> PromptTexts => [.. Prompts.Select(Flatten)];

    public int Calls => Prompts.Count;

    /// <summary>The text of a prompt's messages, in order: "[role] text" lines.</summary>
    public static string Flatten(IReadOnlyList<ChatMessage> messages) => string.Join("\n", messages.Select(m => $"[{m.Role}] {m.Text}"));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = Reply(Record(messages));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Rewrite ?? text)) { ModelId = "scripted" });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pieces = Pieces(Reply(Record(messages)));
        int? failAfter;
        bool block;
        lock (_gate)
        {
            (failAfter, block) = (FailAfter, BlockNext);
            (FailAfter, BlockNext) = (null, false);
        }

        for (var i = 0; i < pieces.Count; i++)
        {
            BeforeChunk?.Invoke(i);
            if (i == failAfter)
            {
                throw new InvalidOperationException("llama_decode returned 1 (out of KV cache)");
            }

            if (TokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(TokenDelay, cancellationToken);
            }
            else
            {
                await Task.Yield();
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, pieces[i]);
            if (block)
            {
                Blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
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
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted")
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    /// <summary>The answer as streamed: words with the space before them, or pieces of <see cref="ChunkSize"/> characters.</summary>
    private List<string> Pieces(string text)
    {
        if (ChunkSize is { } size)
        {
            return [.. Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - (i * size))))];
        }

        var words = text.Split(' ');
        return [.. words.Select((word, i) => i == 0 ? word : " " + word)];
    }

    private List<ChatMessage> Record(IEnumerable<ChatMessage> messages)
    {
        List<ChatMessage> list = [.. messages];
        lock (_gate)
        {
            _prompts.Add(list);
        }

        return list;
    }
}
