using PaperBot.Bot.Discord.Protocol.Models;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag.Answering.Digest;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>A digest posted in a channel: as many messages as Discord's length limit needs, the last one with the "Related papers" buttons of its citations.</summary>
internal static class DigestMessages
{
    public static async Task SendAsync(DiscordRestClient rest, ulong channel, DigestResult digest, CancellationToken cancellationToken)
    {
        var chunks = MessageSplitter.Split(digest.Text).ToList();
        var buttons = RelatedButtons.For(digest.Citations.Select(c => (c.Number, c.Id)));
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            await rest.CreateMessageAsync(channel, new OutgoingMessage { Content = chunks[i], Components = last && buttons is not null ? [buttons] : null }, cancellationToken);
        }
    }
}
