using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.Bot.Tests.Discord.Bot;

/// <summary>
/// A model for bot tests: replies come from <see cref="Reply"/> (given the prompt), streamed word by word with
/// <see cref="TokenDelay"/> between words; <see cref="FailAfterTokens"/> makes it throw midway. Prompts are recorded.
/// </summary>
internal sealed class ScriptedChatClient(Func<string, string> reply) : IChatClient
{
    private readonly List<string> _prompts = [];

    public Func<string, string> Reply { get; set; } = reply;

    public TimeSpan TokenDelay { get; set; }

    public int? FailAfterTokens { get; set; }

    public IReadOnlyList<string> Prompts
    {
        get
        {
            lock (_prompts)
            {
                return [.. _prompts];
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply(Record(messages)))));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var words = Reply(Record(messages)).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (i == FailAfterTokens)
            {
                throw new InvalidOperationException("llama_decode returned 1 (out of KV cache)");
            }

            if (TokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(TokenDelay, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", defaultModelId: "scripted") : null;

    public void Dispose()
    {
    }

    private string Record(IEnumerable<ChatMessage> messages)
    {
        var text = string.Join("\n", messages.Select(m => $"[{m.Role}] {m.Text}"));
        lock (_prompts)
        {
            _prompts.Add(text);
        }

        return text;
    }
}
