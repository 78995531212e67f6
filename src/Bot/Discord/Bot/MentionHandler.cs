using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag.Answering;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Answers messages addressed to the bot: an @mention in an allowed channel, a reply to one of its answers
/// (which continues that conversation), or a DM. The answer is a reply to the question, or goes into a thread
/// opened on it (Discord:ReplyInThreads); "typing…" shows while it is written. Bots, itself included, are ignored.
/// </summary>
public sealed class MentionHandler(
    DiscordRestClient rest,
    GatewayClient gateway,
    BotAccess access,
    BotThreads threads,
    AnswerScheduler scheduler,
    AnswerPresenter presenter,
    ConversationHistory history,
    ChannelPermissions permissions,
    ChannelBlocks blocks,
    BotAnswers answers,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<MentionHandler> logger)
{
    private const int ThreadArchiveMinutes = 1440;

    public async Task HandleAsync(DiscordMessage message, CancellationToken stopping)
    {
        var self = gateway.CurrentUser;
        if (self is null || message.Author is not { Bot: false } author)
        {
            return;
        }

        var isDirect = message.GuildId is null;
        if (isDirect ? !options.Value.EnableDirectMessages : !options.Value.EnableMentions)
        {
            return;
        }

        var addressed = isDirect || message.Mentions.Any(m => m.Id == self.Id) || message.ReferencedMessage?.Author?.Id == self.Id;
        if (!addressed)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(message.Content))
        {
            // Discord blanks content the bot may not read (no Message Content intent): nothing was asked that it can see.
            DiscordBotLog.Ignored(logger, GatewayEvents.MessageCreate, "no content (the Message Content intent is off)");
            return;
        }

        var allowed = isDirect ? null : permissions.For(message.GuildId!.Value, message.ChannelId, self.Id);
        var inThread = threads.Contains(message.ChannelId) || permissions.IsThread(message.ChannelId);
        if (blocks.IsBlocked(message.ChannelId)
            || allowed?.Allows(Permissions.ViewChannel | (inThread ? Permissions.SendMessagesInThreads : Permissions.SendMessages)) == false)
        {
            // Answering would only earn 403s, which Discord counts against the bot.
            DiscordBotLog.Ignored(logger, GatewayEvents.MessageCreate, "the bot may not send messages in this channel");
            return;
        }

        // A reply needs Read Message History; without it the answer is a plain message in the channel.
        var replyTo = allowed?.Allows(Permissions.ReadMessageHistory) == false ? (ulong?)null : message.Id;
        var canEmbed = allowed?.Allows(Permissions.EmbedLinks) ?? true;
        var canThread = allowed?.Allows(Permissions.CreatePublicThreads | Permissions.SendMessagesInThreads) ?? true;
        var surface = new MessageReply(rest, message.ChannelId, replyTo, blocks, canEmbed);
        try
        {
            if (!access.Allows(message.GuildId, message.ChannelId))
            {
                if (isDirect)
                {
                    await surface.ShowAsync(new OutgoingMessage { Content = BotMessages.NotAvailable }, stopping);
                }

                DiscordBotLog.Ignored(logger, GatewayEvents.MessageCreate, "not an allowed place");
                return;
            }

            var question = ConversationHistory.QuestionOf(message.Content);
            if (question.Length == 0)
            {
                await surface.ShowAsync(new OutgoingMessage { Content = BotMessages.EmptyQuestion }, stopping);
                return;
            }

            DiscordBotLog.Question(logger, author.Id, question);
            var turns = await history.BuildAsync(message, self.Id, stopping);
            var request = new AnswerRequest(question[..Math.Min(question.Length, SlashCommandCatalog.MaxQuestionLength)]) { History = turns };
            // Within a thread (its own included) the answer replies in place: Discord opens no thread in a thread.
            var target = isDirect || inThread || !canThread || !options.Value.ReplyInThreads ? surface : await ThreadOrReplyAsync(message, question, surface, canEmbed, stopping);
            var admission = scheduler.Schedule(author.Id, target, async ct =>
            {
                await using var typing = TypingIndicator.Start(rest, target.ChannelId, time, logger);
                await presenter.PresentAsync(target, t => answers.StreamAsync(request, t), deadline: null, ct);
            });
            if (!admission.Accepted)
            {
                await surface.ShowAsync(new OutgoingMessage { Content = admission.Message }, stopping);
            }
        }
        catch (DiscordHttpException e) when (e.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            DiscordBotLog.ChannelBlocked(logger, message.ChannelId, blocks.Block(message.ChannelId));
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            DiscordBotLog.HandlerFailed(logger, GatewayEvents.MessageCreate, e);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
                await surface.ShowAsync(new OutgoingMessage { Content = BotMessages.Failed }, timeout.Token);
            }
            catch (Exception inner)
            {
                DiscordBotLog.StatusEditFailed(logger, inner);
            }
        }
    }

    /// <summary>A thread on the question for the answer; a plain reply when Discord refuses (already a thread, no permission).</summary>
    /// <remarks>
    /// A thread start is not blindly retried: after a lost answer it is sent once more, and Discord's "a thread has
    /// already been created for this message" (160004) then says the first one worked; the thread has the message's id.
    /// </remarks>
    private async Task<IReplySurface> ThreadOrReplyAsync(DiscordMessage message, string question, IReplySurface fallback, bool canEmbed, CancellationToken stopping)
    {
        var name = question.Length > 90 ? question[..90] + "…" : question;
        try
        {
            ulong threadId;
            try
            {
                threadId = (await rest.StartThreadFromMessageAsync(message.ChannelId, message.Id, name, ThreadArchiveMinutes, stopping)).Id;
            }
            catch (DiscordHttpException e) when (e.OutcomeUnknown)
            {
                threadId = await StartAgainAsync(message, name, stopping);
            }

            threads.Add(threadId, message.ChannelId);
            return new MessageReply(rest, threadId, replyTo: null, blocks, canEmbed);
        }
        catch (DiscordHttpException e)
        {
            DiscordBotLog.ThreadFailed(logger, message.ChannelId, e);
            return fallback;
        }
    }

    private async Task<ulong> StartAgainAsync(DiscordMessage message, string name, CancellationToken stopping)
    {
        try
        {
            return (await rest.StartThreadFromMessageAsync(message.ChannelId, message.Id, name, ThreadArchiveMinutes, stopping)).Id;
        }
        catch (DiscordHttpException e) when (e.ErrorCode == DiscordErrorCodes.ThreadAlreadyCreated)
        {
            return message.Id;
        }
    }
}
