using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.AnswerBench;

/// <summary>A model that answers at once with a fixed text, so that what is timed is the pipeline around it.</summary>
internal sealed class InstantChatClient : IChatClient
{
    private const string Reply = "The first source answers this [1], and the second adds detail [2].";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply)));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var word in Reply.Split(' '))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
        }

        await Task.CompletedTask;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("instant", defaultModelId: "instant") : null;

    public void Dispose()
    {
    }
}
