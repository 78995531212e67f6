using PaperBot.Bot.Discord.Models;

namespace PaperBot.Bot.Discord.Rest;

/// <summary>The wire form of every message the bot creates or edits; allowed_mentions is always "parse nothing".</summary>
internal sealed record MessageBody
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public AllowedMentions AllowedMentions { get; } = AllowedMentions.None;

    public MessageReference? MessageReference { get; init; }

    public int? Flags { get; init; }

    public static MessageBody From(OutgoingMessage message, bool isReplyAllowed) => new()
    {
        Content = message.Content,
        Embeds = message.Embeds,
        MessageReference = isReplyAllowed ? message.MessageReference : null,
        Flags = message.Flags,
    };
}
