namespace PaperBot.Rag.Watches;

/// <summary>
/// A standing topic: plain words ("making LLM agents use tools reliably") matched against each sync's new papers,
/// with optional rules. A paper must contain every <see cref="Must"/> word and none of the <see cref="Exclude"/>
/// words; a paper by one of the <see cref="Authors"/> or from one of the <see cref="Organizations"/> (Hugging Face
/// handle or name) matches whatever its words. <see cref="Weights"/> are the words searched and their weights: the
/// topic's idf at first, moved by 👍/👎 feedback (<see cref="WatchFeedback"/>).
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

    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>A muted watch is kept, with its history, but matched on no sync.</summary>
    public bool Muted { get; init; }

    /// <summary>The first day whose papers it alerts on: a new watch does not replay the archive.</summary>
    public DateOnly Since { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
