using System.Collections.Concurrent;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Channels where Discord refused the bot (403): no further attempts there for a while, since every refusal
/// counts toward Discord's 10,000 invalid requests per 10 minutes.
/// </summary>
public sealed class ChannelBlocks(TimeProvider time)
{
    /// <summary>How long a refused channel is left alone; permissions are rarely fixed faster.</summary>
    public static readonly TimeSpan BlockFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<ulong, DateTimeOffset> _until = new();

    /// <summary>Blocks the channel; returns until when.</summary>
    public DateTimeOffset Block(ulong channelId) => _until[channelId] = time.GetUtcNow() + BlockFor;

    public bool IsBlocked(ulong channelId) => _until.TryGetValue(channelId, out var until) && time.GetUtcNow() < until;
}
