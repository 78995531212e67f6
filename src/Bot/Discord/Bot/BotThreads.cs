using System.Collections.Concurrent;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The threads the bot opened for its answers (Discord:ReplyInThreads), each with the channel it was opened in.
/// A thread started from a message has that message's id, so the question it answers stays findable. Kept in
/// memory: after a restart, replies in older threads are answered without the opening question.
/// </summary>
public sealed class BotThreads
{
    private readonly ConcurrentDictionary<ulong, ulong> _parents = new();

    public void Add(ulong threadId, ulong parentChannelId) => _parents[threadId] = parentChannelId;

    public bool Contains(ulong channelId) => _parents.ContainsKey(channelId);

    /// <summary>The channel holding the message the thread was opened on; null for any other channel.</summary>
    public ulong? ParentOf(ulong channelId) => _parents.TryGetValue(channelId, out var parent) ? parent : null;
}
