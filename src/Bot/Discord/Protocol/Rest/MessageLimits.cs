using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Protocol.Rest;

/// <summary>Discord's message size limits, checked before sending so a too-long answer fails clearly here, not as a 400.</summary>
public static class MessageLimits
{
    public const int ContentLength = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedTitleLength = 256;
    public const int EmbedDescriptionLength = 4096;
    public const int EmbedFieldsPerEmbed = 25;
    public const int EmbedFieldNameLength = 256;
    public const int EmbedFieldValueLength = 1024;
    public const int EmbedFooterLength = 2048;
    public const int EmbedAuthorLength = 256;
    public const int EmbedTotalLength = 6000;
    public const int ThreadNameLength = 100;

    /// <exception cref="ArgumentException">The message breaks one of Discord's limits.</exception>
    public static void Validate(OutgoingMessage message, bool requireBody)
    {
        if (requireBody && string.IsNullOrEmpty(message.Content) && (message.Embeds is null || message.Embeds.Count == 0))
        {
            throw new ArgumentException("A Discord message needs content or at least one embed.", nameof(message));
        }

        Check(message.Content, ContentLength, "content");
        if (message.Embeds is not { } embeds)
        {
            return;
        }

        if (embeds.Count > EmbedsPerMessage)
        {
            throw new ArgumentException($"A Discord message holds at most {EmbedsPerMessage} embeds, not {embeds.Count}.", nameof(message));
        }

        var total = 0;
        foreach (var embed in embeds)
        {
            total += Check(embed.Title, EmbedTitleLength, "embed title")
                + Check(embed.Description, EmbedDescriptionLength, "embed description")
                + Check(embed.Footer?.Text, EmbedFooterLength, "embed footer")
                + Check(embed.Author?.Name, EmbedAuthorLength, "embed author name");
            var fields = embed.Fields ?? [];
            if (fields.Count > EmbedFieldsPerEmbed)
            {
                throw new ArgumentException($"A Discord embed holds at most {EmbedFieldsPerEmbed} fields, not {fields.Count}.", nameof(message));
            }

            foreach (var field in fields)
            {
                total += Check(field.Name, EmbedFieldNameLength, "embed field name") + Check(field.Value, EmbedFieldValueLength, "embed field value");
            }
        }

        if (total > EmbedTotalLength)
        {
            throw new ArgumentException($"A Discord message's embeds hold at most {EmbedTotalLength} characters in all, not {total}.", nameof(message));
        }
    }

    private static int Check(string? text, int max, string what)
    {
        var length = text?.Length ?? 0;
        if (length > max)
        {
            throw new ArgumentException($"Discord allows at most {max} characters in a message's {what}, not {length}; split the text first.");
        }

        return length;
    }
}
