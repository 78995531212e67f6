using PaperBot.Bot.Discord.Protocol.Models;

namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>What survives a reconnect: enough to resume instead of identifying again.</summary>
internal sealed class GatewaySession
{
    private int _lastSequence = -1;

    public string? SessionId { get; private set; }

    public string? ResumeUrl { get; private set; }

    /// <summary>The bot's own user from the latest READY; kept across new sessions, since it does not change.</summary>
    public DiscordUser? User { get; private set; }

    /// <summary>The last non-null <c>s</c>, or null before the first dispatch.</summary>
    public int? LastSequence => Volatile.Read(ref _lastSequence) is var s and >= 0 ? s : null;

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    /// <summary>The activity the bot shows ("Listening to …"), sent in Identify and by presence updates.</summary>
    public string? Activity { get; set; }

    public void Observe(int sequence) => Volatile.Write(ref _lastSequence, sequence);

    public void Start(string sessionId, string resumeUrl, DiscordUser? user)
    {
        SessionId = sessionId;
        ResumeUrl = resumeUrl;
        User = user ?? User;
    }

    public void Clear()
    {
        SessionId = null;
        ResumeUrl = null;
        Volatile.Write(ref _lastSequence, -1);
    }
}
