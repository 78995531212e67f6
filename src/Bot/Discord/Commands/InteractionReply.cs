using PaperBot.Bot.Discord.Models;
using PaperBot.Bot.Discord.Rest;

namespace PaperBot.Bot.Discord.Commands;

/// <summary>
/// The reply to a slash command: the deferred response edited in place, follow-ups after it. Edits wait for the
/// deferral, since the queue may start the work before Discord has acknowledged it.
/// </summary>
public sealed class InteractionReply(DiscordRestClient rest, DiscordInteraction interaction) : IReplySurface
{
    private readonly TaskCompletionSource _deferred = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ulong ChannelId => interaction.ChannelId ?? 0;

    public bool IsDeferred => _deferred.Task.IsCompletedSuccessfully;

    /// <summary>Sends the "thinking…" response (type 5); every later edit waits for it.</summary>
    public async Task DeferAsync(CancellationToken cancellationToken)
    {
        try
        {
            await rest.CreateInteractionResponseAsync(
                interaction.Id, interaction.Token, InteractionCallbackType.DeferredChannelMessageWithSource, null, cancellationToken);
            _deferred.TrySetResult();
        }
        catch (Exception e)
        {
            _deferred.TrySetException(e);
            throw;
        }
    }

    /// <summary>Answers at once with a message only the user sees (refusals, errors), instead of deferring.</summary>
    public Task RespondPrivatelyAsync(string text, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(
            interaction.Id, interaction.Token, InteractionCallbackType.ChannelMessageWithSource,
            new OutgoingMessage { Content = text, Flags = MessageFlags.Ephemeral }, cancellationToken);

    public async Task ShowAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _deferred.Task.WaitAsync(cancellationToken);
        await rest.EditOriginalResponseAsync(interaction.Token, message, cancellationToken);
    }

    public async Task AppendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _deferred.Task.WaitAsync(cancellationToken);
        await rest.CreateFollowupAsync(interaction.Token, message, cancellationToken);
    }
}
