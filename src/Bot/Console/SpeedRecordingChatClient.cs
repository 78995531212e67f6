using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PaperBot.Bot.Chat;

/// <summary>
/// Passes every call to the model and keeps the generation statistics of the last streamed response (the
/// answer; the follow-up rewrite is not streamed), which the answering pipeline does not hand back.
/// </summary>
public sealed class SpeedRecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>What the model reported about the last streamed response, when it reports anything.</summary>
    public GenerationReport? Last { get; private set; }

    public void Forget() => Last = null;

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } usage)
            {
                Last = new GenerationReport((int?)usage.Details.OutputTokenCount, Number(update, "tokens_per_second"));
            }

            yield return update;
        }
    }

    private static double? Number(ChatResponseUpdate update, string key) =>
        update.AdditionalProperties?.TryGetValue(key, out var value) == true ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
}
