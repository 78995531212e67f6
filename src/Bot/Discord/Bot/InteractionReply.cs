using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The reply to a slash command: the deferred response edited in place, follow-ups after it. Edits wait for the
/// deferral, since the queue may start the work before Discord has acknowledged it.
/// </summary>
/// <remarks>
/// Discord keeps no idempotency key for callbacks and follow-ups, so they are never blindly retried. A callback
/// whose answer was lost is checked with GET @original (present: it took effect) before it is sent again, and a
/// second acknowledgement's 40060 counts as done. A follow-up is sent again only when a read of the channel shows
/// it absent. An interaction that expired (10062, 50027) is logged once and left alone: every further call would
/// be one more invalid request.
/// </remarks>
public sealed class InteractionReply(DiscordRestClient rest, DiscordInteraction interaction, TimeProvider time, ILogger logger) : IReplySurface
{
    /// <summary>How many times an unanswered follow-up is read for and sent again.</summary>
    private const int FollowupAttempts = 3;

    // Discord accepts the first response up to 3 s after the interaction's creation.
    private static readonly TimeSpan CallbackWindow = TimeSpan.FromSeconds(3);

    private readonly TaskCompletionSource _deferred = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The messages this reply is known to have posted, so a read can tell a lost follow-up from an earlier one with the same text.
    private readonly HashSet<ulong> _posted = [];
    private volatile bool _expired;

    public ulong ChannelId => interaction.ChannelId ?? 0;

    /// <summary>Embeds need Embed Links in the channel (app_permissions); without the field, Discord's default allows them.</summary>
    public bool CanEmbed => PermissionsText.Parse(interaction.AppPermissions)?.Allows(Permissions.EmbedLinks) ?? true;

    public bool IsDeferred => _deferred.Task.IsCompletedSuccessfully;

    /// <summary>Whether the deferral (and so the answer) is visible only to the user.</summary>
    public bool IsPrivate { get; private set; }

    /// <summary>The interaction can no longer be answered; nothing more is sent for it.</summary>
    public bool Expired => _expired;

    /// <summary>Sends the "thinking…" response (type 5), visible only to the user when <paramref name="privately"/>; every later edit waits for it.</summary>
    public async Task DeferAsync(CancellationToken cancellationToken, bool privately = false)
    {
        IsPrivate = privately;
        try
        {
            var message = privately ? new OutgoingMessage { Flags = MessageFlags.Ephemeral } : null;
            if (await AcknowledgeAsync(InteractionCallbackType.DeferredChannelMessageWithSource, message, cancellationToken))
            {
                _deferred.TrySetResult();
            }
            else
            {
                _deferred.TrySetException(new InteractionExpiredException());
            }
        }
        catch (Exception e)
        {
            _deferred.TrySetException(e);
            throw;
        }
    }

    /// <summary>Answers at once with a message only the user sees (refusals, errors), instead of deferring.</summary>
    public Task RespondPrivatelyAsync(string text, CancellationToken cancellationToken) =>
        AcknowledgeAsync(InteractionCallbackType.ChannelMessageWithSource, new OutgoingMessage { Content = text, Flags = MessageFlags.Ephemeral }, cancellationToken);

    public async Task ShowAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _deferred.Task.WaitAsync(cancellationToken);
        if (_expired)
        {
            return;
        }

        try
        {
            var shown = await rest.EditOriginalResponseAsync(interaction.Token, message, cancellationToken);
            lock (_posted)
            {
                _posted.Add(shown.Id);
            }
        }
        catch (DiscordHttpException e) when (e.InteractionExpired)
        {
            MarkExpired(e);
        }
    }

    public async Task AppendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await _deferred.Task.WaitAsync(cancellationToken);
        if (_expired)
        {
            return;
        }

        var toSend = IsPrivate ? message with { Flags = MessageFlags.Ephemeral } : message;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var posted = await rest.CreateFollowupAsync(interaction.Token, toSend, cancellationToken);
                lock (_posted)
                {
                    _posted.Add(posted.Id);
                }

                return;
            }
            catch (DiscordHttpException e) when (e.InteractionExpired)
            {
                MarkExpired(e);
                return;
            }
            catch (DiscordHttpException e) when (e.OutcomeUnknown && attempt < FollowupAttempts)
            {
                var found = await FindFollowupAsync(toSend, cancellationToken);
                if (found != false)
                {
                    // Posted after all, or no way to tell (a private answer, no Read Message History): a second
                    // copy is worse than a gap, so it is not sent again.
                    DiscordBotLog.FollowupUnconfirmed(logger, interaction.Id, found == true ? "posted after all" : "cannot be checked; not sent again");
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Tells the user the request failed. After a public deferral the "thinking…" message is deleted and the
    /// failure goes to the user alone; a private deferral is edited; an unacknowledged one is answered privately.
    /// </summary>
    public async Task FailAsync(string text, CancellationToken cancellationToken)
    {
        if (_expired)
        {
            return;
        }

        if (!_deferred.Task.IsCompleted)
        {
            await RespondPrivatelyAsync(text, cancellationToken);
            return;
        }

        if (!IsDeferred)
        {
            return;
        }

        if (IsPrivate)
        {
            await ShowAsync(new OutgoingMessage { Content = text }, cancellationToken);
            return;
        }

        try
        {
            await rest.DeleteOriginalResponseAsync(interaction.Token, cancellationToken);
            await AppendAsync(new OutgoingMessage { Content = text, Flags = MessageFlags.Ephemeral }, cancellationToken);
        }
        catch (DiscordHttpException e) when (e.InteractionExpired)
        {
            MarkExpired(e);
        }
    }

    /// <summary>Sends the first response; false when the interaction expired. A lost answer is checked before resending.</summary>
    private async Task<bool> AcknowledgeAsync(InteractionCallbackType type, OutgoingMessage? message, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, type, message, cancellationToken);
                return true;
            }
            catch (DiscordHttpException e) when (e.ErrorCode == DiscordErrorCodes.AlreadyAcknowledged)
            {
                // An earlier attempt arrived although its answer did not: the interaction is acknowledged.
                DiscordBotLog.AlreadyAcknowledged(logger, interaction.Id);
                return true;
            }
            catch (DiscordHttpException e) when (e.InteractionExpired)
            {
                MarkExpired(e);
                return false;
            }
            catch (DiscordHttpException e) when (e.OutcomeUnknown)
            {
                if (await WasAcknowledgedAsync(cancellationToken))
                {
                    return true;
                }

                if (time.GetUtcNow() - Snowflake.CreatedAt(interaction.Id) > CallbackWindow)
                {
                    MarkExpired(e);
                    return false;
                }
            }
        }
    }

    /// <summary>GET @original: present means a callback took effect; Unknown Webhook means none did. Other failures read as "not known to have".</summary>
    private async Task<bool> WasAcknowledgedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await rest.GetOriginalResponseAsync(interaction.Token, cancellationToken);
            return true;
        }
        catch (DiscordHttpException)
        {
            // Unknown Webhook (never acknowledged) or no answer: sending again is safe, a second
            // acknowledgement only earns a 40060 that counts as done.
            return false;
        }
    }

    /// <summary>True: the follow-up is in the channel; false: a read shows it absent; null: no read is possible.</summary>
    private async Task<bool?> FindFollowupAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var permissions = PermissionsText.Parse(interaction.AppPermissions) ?? Permissions.None;
        if (IsPrivate || interaction.ChannelId is not { } channel || !permissions.Allows(Permissions.ViewChannel | Permissions.ReadMessageHistory))
        {
            return null;
        }

        try
        {
            var recent = await rest.GetChannelMessagesAsync(channel, interaction.Id, 100, cancellationToken);
            lock (_posted)
            {
                var lost = recent.FirstOrDefault(m => m.InteractionMetadata?.Id == interaction.Id && !_posted.Contains(m.Id) && m.Content == (message.Content ?? ""));
                if (lost is not null)
                {
                    _posted.Add(lost.Id);
                }

                return lost is not null;
            }
        }
        catch (DiscordHttpException)
        {
            return null;
        }
    }

    private void MarkExpired(DiscordHttpException e)
    {
        if (!_expired)
        {
            _expired = true;
            DiscordBotLog.InteractionExpired(logger, interaction.Id, e.ErrorCode ?? 0);
        }
    }
}

/// <summary>The interaction expired before it was acknowledged; its work has nowhere to show.</summary>
public sealed class InteractionExpiredException : Exception
{
    public InteractionExpiredException() : base("The interaction expired before it was acknowledged.") { }

    public InteractionExpiredException(string message) : base(message) { }

    public InteractionExpiredException(string message, Exception inner) : base(message, inner) { }
}
