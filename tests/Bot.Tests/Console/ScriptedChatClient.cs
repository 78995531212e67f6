using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.Bot.Tests.Chat;

/// <summary>
/// A fake model: answers in scripted pieces, records every prompt, and can fail mid-answer or block until the
/// answer is cancelled. Non-streamed calls (the follow-up rewrite) return <see cref="Rewrite"/>.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyList<ChatMessage>> _prompts = [];

    public IReadOnlyList<string> Pieces { get; set; } = ["Lumina ", "uses ", "flow ", "matching [1]."];

    public string Rewrite { get; set; } = "Which papers use flow matching?";

    /// <summary>After this many pieces the next streamed answer throws (once).</summary>
    public int? FailAfter { get; set; }

    /// <summary>The next streamed answer writes one piece, then waits until it is cancelled (once).</summary>
    public bool BlockNext { get; set; }

    /// <summary>Set when a blocked answer is waiting for its cancellation.</summary>
    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(messages);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Rewrite)));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Record(messages);
        var failAfter = FailAfter;
        FailAfter = null;
        var block = BlockNext;
        BlockNext = false;
        for (var i = 0; i < Pieces.Count; i++)
        {
            if (i == failAfter)
            {
                throw new InvalidOperationException("the GPU fell off the bus");
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, Pieces[i]);
            if (block)
            {
                Blocked.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await Task.Yield();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private void Record(IEnumerable<ChatMessage> messages)
    {
        lock (_gate)
        {
            _prompts.Add([.. messages]);
        }
    }
}
