using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag.Answering;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Rebuilds a conversation from Discord's reply chain: a reply to the bot's answer continues the exchange that
/// answer belonged to. Walks message references upwards a bounded number of hops (from a thread's first answer
/// to the message the thread was opened on), pairing each bot answer with the question it replied to.
/// </summary>
public sealed partial class ConversationHistory(DiscordRestClient rest, BotThreads threads, ILogger<ConversationHistory> logger)
{
    /// <summary>Messages fetched at most: three earlier exchanges, and a bound on REST calls per question.</summary>
    public const int MaxHops = 6;

    /// <summary>The earlier turns (oldest first) that <paramref name="message"/> continues; empty when it replies to nothing of the bot's.</summary>
    public async Task<IReadOnlyList<ConversationTurn>> BuildAsync(DiscordMessage message, ulong botUserId, CancellationToken cancellationToken)
    {
        var chain = new List<DiscordMessage>();
        var cursor = message;
        try
        {
            while (chain.Count < MaxHops && await ParentAsync(cursor, botUserId, cancellationToken) is { } parent)
            {
                chain.Add(parent);
                cursor = parent;
            }
        }
        catch (DiscordHttpException e)
        {
            // A deleted or unreadable message ends the chain; the turns found so far still help.
            DiscordBotLog.HistoryStopped(logger, message.ChannelId, e);
        }

        var turns = new List<ConversationTurn>();
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (chain[i].Author?.Id == botUserId && chain[i + 1].Author?.Id != botUserId)
            {
                turns.Add(new ConversationTurn(QuestionOf(chain[i + 1].Content), chain[i].Content));
                i++;
            }
        }

        turns.Reverse();
        return turns;
    }

    /// <summary>The message text without mentions of anyone (the bot's own, above all).</summary>
    public static string QuestionOf(string content) => Mention().Replace(content, " ").Trim();

    private async Task<DiscordMessage?> ParentAsync(DiscordMessage message, ulong botUserId, CancellationToken cancellationToken)
    {
        if (message.ReferencedMessage is { } included)
        {
            return included;
        }

        if (message.MessageReference?.MessageId is { } id)
        {
            return await rest.GetChannelMessageAsync(message.MessageReference.ChannelId ?? message.ChannelId, id, cancellationToken);
        }

        // The first answer in a thread the bot opened replies to nothing (Discord allows no reply across channels):
        // its question is the message the thread was started from, which shares the thread's id.
        return message.Author?.Id == botUserId && threads.ParentOf(message.ChannelId) is { } parent
            ? await rest.GetChannelMessageAsync(parent, message.ChannelId, cancellationToken)
            : null;
    }

    [GeneratedRegex(@"<@!?\d+>")]
    private static partial Regex Mention();
}
