using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Where one request's answer goes: a main message that is shown and then edited in place (the deferred
/// interaction response, or the bot's reply to a mention), and further messages appended after it.
/// </summary>
public interface IReplySurface
{
    /// <summary>The channel the answer appears in (for the typing indicator).</summary>
    ulong ChannelId { get; }

    /// <summary>Whether embeds show here (the bot has Embed Links); otherwise sources go as plain text.</summary>
    bool CanEmbed { get; }

    /// <summary>Shows <paramref name="message"/> as the main message: creates it the first time, edits it after.</summary>
    Task ShowAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Posts one more message after the main one (an answer's continuation).</summary>
    Task AppendAsync(OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Tells the user the request failed, where only they should see it when the surface allows.</summary>
    Task FailAsync(string text, CancellationToken cancellationToken);
}
