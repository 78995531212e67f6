namespace PaperBot.Rag.Watches;

/// <summary>What a person asks to watch: the topic in plain words and the optional rules (<see cref="Watch"/>).</summary>
public sealed record WatchRequest(WatchOwner Owner, string Topic)
{
    public IReadOnlyList<string> Must { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<string> Authors { get; init; } = [];

    public IReadOnlyList<string> Organizations { get; init; } = [];
}
