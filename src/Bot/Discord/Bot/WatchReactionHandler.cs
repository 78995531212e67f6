using System.Globalization;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// 👍 / 👎 on a watch alert tunes the watch (<see cref="WatchFeedback"/>). A user's watch listens to its owner only;
/// a channel's to the members who react in it. Other emoji, other messages and the bot's own reactions are ignored.
/// </summary>
public sealed class WatchReactionHandler(WatchFeedback feedback, WatchLedger ledger, WatchStore watches, GatewayClient gateway, ILogger<WatchReactionHandler> logger)
{
    public Task HandleAsync(ReactionEvent reaction)
    {
        var liked = reaction.Emoji?.Name switch
        {
            DiscordWatchText.Like => true,
            DiscordWatchText.Dislike => false,
            _ => (bool?)null,
        };
        if (liked is null || reaction.UserId == gateway.CurrentUser?.Id)
        {
            return Task.CompletedTask;
        }

        var messageId = reaction.MessageId.ToString(CultureInfo.InvariantCulture);
        if (ledger.ByMessage(messageId) is not { } alert || watches.Get(alert.WatchId) is not { } watch)
        {
            return Task.CompletedTask;
        }

        if (watch.Owner.Kind == WatchOwnerKind.User && watch.Owner.Id != reaction.UserId.ToString(CultureInfo.InvariantCulture))
        {
            DiscordBotLog.Ignored(logger, GatewayEvents.MessageReactionAdd, "a reaction from someone other than the watch's owner");
            return Task.CompletedTask;
        }

        if (feedback.Apply(messageId, liked.Value, ledger) is { } tuned)
        {
            WatchBotLog.Tuned(logger, tuned.Id, liked.Value ? "like" : "dislike", reaction.UserId);
        }

        return Task.CompletedTask;
    }
}
