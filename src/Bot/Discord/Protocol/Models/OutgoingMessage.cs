namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>
/// What the bot sends or edits. There is deliberately no allowed_mentions here: the REST client always sends
/// <c>{"parse": []}</c> so text written by users or the model can never ping anyone.
/// </summary>
public sealed record OutgoingMessage
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Action rows of buttons under the message.</summary>
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>Makes the message a reply; ignored by edits and interaction responses.</summary>
    public MessageReference? MessageReference { get; init; }

    /// <summary>Message flags, e.g. <see cref="MessageFlags.Ephemeral"/> for interaction responses.</summary>
    public int? Flags { get; init; }

    /// <summary>
    /// A channel message create's idempotency key, kept across attempts and restarts (a watch alert's part): Discord
    /// answers a create with a nonce it saw in the last few minutes with the message it already made. Null: a fresh one.
    /// </summary>
    public string? Nonce { get; init; }
}
