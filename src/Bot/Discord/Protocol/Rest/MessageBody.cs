using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>The wire form of every message the bot creates or edits; allowed_mentions is always "parse nothing".</summary>
internal sealed record MessageBody
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<MessageComponent>? Components { get; init; }

    public AllowedMentions AllowedMentions { get; } = AllowedMentions.None;

    public MessageReference? MessageReference { get; init; }

    public int? Flags { get; init; }

    /// <summary>With <see cref="EnforceNonce"/>, Discord answers a repeated create with the message it already made.</summary>
    public string? Nonce { get; init; }

    public bool? EnforceNonce { get; init; }

    public static MessageBody From(OutgoingMessage message, bool isReplyAllowed) => new()
    {
        Content = message.Content,
        Embeds = message.Embeds,
        Components = message.Components,
        MessageReference = isReplyAllowed ? message.MessageReference : null,
        Flags = message.Flags,
    };

    /// <summary>
    /// A channel message create: the body carries a fresh nonce Discord enforces, so a retry after a lost response
    /// (the first attempt timed out but was posted) returns that message instead of posting it twice.
    /// </summary>
    public static MessageBody ForCreate(OutgoingMessage message) => From(message, isReplyAllowed: true) with
    {
        Nonce = message.Nonce ?? Guid.NewGuid().ToString("N")[..MaxNonceLength],
        EnforceNonce = true,
    };

    // Discord takes a nonce of at most 25 characters.
    private const int MaxNonceLength = 25;
}
