namespace PaperBot.Rag.Watches;

/// <summary>
/// A standing topic: plain words ("making LLM agents use tools reliably") matched against each sync's new papers,
/// with optional rules. A paper must contain every <see cref="Must"/> word and none of the <see cref="Exclude"/>
/// words; a paper by one of the <see cref="Authors"/> or from one of the <see cref="Organizations"/> (Hugging Face
/// handle or name) matches whatever its words. The words searched and their weights are the topic's idf in the index
/// at each match (<see cref="WatchTerms.Current"/>), or, once the subscriber reacted to an alert, <see cref="Tuned"/>.
/// </summary>
public sealed record Watch
{
    public required string Id { get; init; }

    public required WatchOwner Owner { get; init; }

    public required string Topic { get; init; }

    public IReadOnlyList<string> Must { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<string> Authors { get; init; } = [];

    public IReadOnlyList<string> Organizations { get; init; } = [];

    /// <summary>The word weights 👍/👎 feedback set (<see cref="WatchFeedback"/>); null before any.</summary>
    public IReadOnlyDictionary<string, double>? Tuned { get; init; }

    /// <summary>A muted watch is kept, with its history, but matched on no sync.</summary>
    public bool Muted { get; init; }

    /// <summary>
    /// The newest paper (row id) of the index when the watch was created: it alerts only on papers added after,
    /// so a new watch does not replay the archive, yet a sync that failed or crashed before deciding is caught up
    /// by the next one.
    /// </summary>
    public long AfterPid { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
