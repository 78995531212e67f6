using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The reply to a mention or DM: a message created on first show (a reply to the question, unless it goes into
/// a thread of its own) and edited after; continuations are plain messages in the same channel.
/// </summary>
/// <remarks>A channel that refuses the bot (403) is blocked for a while and nothing more is sent there.</remarks>
public sealed class MessageReply(DiscordRestClient rest, ulong channelId, ulong? replyTo, ChannelBlocks blocks, bool canEmbed = true) : IReplySurface
{
    // Shows on one surface never overlap: the scheduler serializes position lines with the answer, which is sequential.
    private ulong? _messageId;

    public ulong ChannelId => channelId;

    public bool CanEmbed => canEmbed;

    public Task ShowAsync(OutgoingMessage message, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        if (_messageId is { } id)
        {
            await rest.EditMessageAsync(channelId, id, message, cancellationToken);
            return;
        }

        var reference = replyTo is { } question
            ? new MessageReference { MessageId = question, ChannelId = channelId, FailIfNotExists = false }
            : null;
        var created = await rest.CreateMessageAsync(channelId, message with { MessageReference = reference }, cancellationToken);
        _messageId = created.Id;
    });

    public Task AppendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        GuardAsync(() => rest.CreateMessageAsync(channelId, message, cancellationToken));

    // A message reply has no private channel: the failure replaces the answer in place.
    public Task FailAsync(string text, CancellationToken cancellationToken) => ShowAsync(new OutgoingMessage { Content = text }, cancellationToken);

    private async Task GuardAsync(Func<Task> send)
    {
        if (blocks.IsBlocked(channelId))
        {
            return;
        }

        try
        {
            await send();
        }
        catch (DiscordHttpException e) when (e.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            blocks.Block(channelId);
            throw;
        }
    }
}
