namespace PaperBot.Rag.Index;

/// <summary>
/// The texts one ingest transaction adds to and takes from the full-text index, kept while they are few enough that
/// updating the term statistics by their difference is cheaper than recomputing them (<see cref="TermStatistics"/>).
/// Past <paramref name="limit"/> papers nothing more is kept and the statistics are recomputed after the batch.
/// </summary>
internal sealed class TextChanges(int limit)
{
    /// <summary>The columns of a full-text row.</summary>
    public sealed record Text(string Title, string Abstract);

    private List<Text> _added = [];
    private List<Text> _removed = [];

    /// <summary>True once more texts changed than the limit: the statistics need recomputing.</summary>
    public bool Overflowed { get; private set; }

    public IReadOnlyList<Text> Added => _added;

    public IReadOnlyList<Text> Removed => _removed;

    /// <summary>A paper's text entered the index.</summary>
    public void Add(string title, string abstractText) => Keep(_added, title, abstractText);

    /// <summary>A paper's text left the index (its old version, when a merge changed it).</summary>
    public void Remove(string title, string abstractText) => Keep(_removed, title, abstractText);

    private void Keep(List<Text> texts, string title, string abstractText)
    {
        if (Overflowed)
        {
            return;
        }

        if (_added.Count + _removed.Count >= limit)
        {
            // Let the texts go: a large file's abstracts would otherwise stay in memory until its commit.
            (Overflowed, _added, _removed) = (true, [], []);
            return;
        }

        texts.Add(new Text(title, abstractText));
    }
}
