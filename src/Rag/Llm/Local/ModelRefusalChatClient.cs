using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PaperBot.Rag.Llm.Local;

/// <summary>
/// The local model's place in the chat pipeline where llama.cpp's refusal of it (not enough memory for the weights or
/// the context, an architecture it does not know) becomes the outcome every front end already handles for model
/// servers that cannot be reached: <see cref="ModelUnavailableException"/>, before any text. The refusal shows on
/// first use and is final (the host's load fails the same way each time), so it is logged once and becomes the
/// process's one notice (<see cref="UnusableModelNotice"/>), which the first answer or digest carries.
/// </summary>
public sealed partial class ModelRefusalChatClient(IChatClient inner, UnusableModelNotice? notice, ILogger<ModelRefusalChatClient> logger)
    : DelegatingChatClient(inner)
{
    private int _logged;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ModelLoadException e)
        {
            throw Unavailable(e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (ModelLoadException e)
            {
                // The load runs before the first token, so nothing of an answer was lost.
                throw Unavailable(e);
            }

            yield return updates.Current;
        }
    }

    private ModelUnavailableException Unavailable(ModelLoadException refusal)
    {
        var reason = refusal.Message.TrimEnd('.');
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            LogRefused(logger, reason);
        }

        notice?.Refused(reason);
        return new ModelUnavailableException(reason, refusal) { Final = true };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No model answers: {Reason}; answers and digests are extractive")]
    private static partial void LogRefused(ILogger logger, string reason);
}
