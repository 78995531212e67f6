namespace PaperBot.Rag.Watches;

/// <summary>
/// One alert: what a sync decided to tell one watch, delivered as one message (in parts when long). The papers are
/// recorded as delivered to the watch from the moment the alert exists; <see cref="SentParts"/> are the parts
/// Discord has acknowledged, so a resend posts only the others, each under <see cref="PartNonce"/>.
/// </summary>
public sealed record WatchAlert(long Id, Watch Watch, string Nonce, IReadOnlyList<WatchMatch> Matches, IReadOnlySet<int> SentParts)
{
    /// <summary>The nonce of part <paramref name="part"/> (Discord takes 25 characters at most): the same on every attempt, across restarts.</summary>
    public string PartNonce(int part) => $"{Nonce}{part:D3}";
}
