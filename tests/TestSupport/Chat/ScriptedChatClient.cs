using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.TestSupport.Chat;

/// <summary>
/// A fake model for the front ends' tests: <see cref="Reply"/> (given the prompt's text) is the answer, streamed
/// word by word with <see cref="TokenDelay"/> between words. Non-streamed calls (the follow-up rewrite) answer
/// <see cref="Rewrite"/> when it is set. The next streamed answer can fail midway (<see cref="FailAfter"/>) or block
/// until it is cancelled (<see cref="BlockNext"/>). Every prompt is recorded.
/// </summary>
public sealed class ScriptedChatClient(Func<string, string>? reply = null) : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<ChatMessage>> _prompts = [];

    public Func<string, string> Reply { get; set; } = reply ?? (_ => "Lumina uses flow matching [1].");

    /// <summary>What non-streamed calls answer; null: <see cref="Reply"/>'s answer.</summary>
    public string? Rewrite { get; set; }

    public TimeSpan TokenDelay { get; set; }

    /// <summary>The next streamed answer throws after this many words (once).</summary>
    public int? FailAfter { get; set; }

    /// <summary>The next streamed answer writes one word, then waits until it is cancelled (once).</summary>
    public bool BlockNext { get; set; }

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

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = Record(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Rewrite ?? Reply(prompt))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var words = Reply(Record(messages)).Split(' ');
        int? failAfter;
        bool block;
        lock (_gate)
        {
            (failAfter, block) = (FailAfter, BlockNext);
            (FailAfter, BlockNext) = (null, false);
        }

        for (var i = 0; i < words.Length; i++)
        {
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
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]);
            if (block)
            {
                Blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted")
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static string Flatten(IReadOnlyList<ChatMessage> messages) => string.Join("\n", messages.Select(m => $"[{m.Role}] {m.Text}"));

    private string Record(IEnumerable<ChatMessage> messages)
    {
        IReadOnlyList<ChatMessage> list = [.. messages];
        lock (_gate)
        {
            _prompts.Add(list);
        }

        return Flatten(list);
    }
}
