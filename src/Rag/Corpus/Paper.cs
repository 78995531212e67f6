namespace PaperBot.Rag.Corpus;

/// <summary>
/// One paper as read from a source (a saved page, an API item) or from the index. Optional fields are null
/// when the source did not carry them; merging keeps the richer value field by field.
/// </summary>
public sealed record Paper
{
    /// <summary>The index key: the arXiv id when known, else a stable id derived from the normalized title.</summary>
    public required string Id { get; init; }

    public string? ArxivId { get; init; }

    public required string Title { get; init; }

    public required string Abstract { get; init; }

    /// <summary>Author names when the source lists them (the API does; saved pages give only a count).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    public int? AuthorCount { get; init; }

    /// <summary>The organization shown instead of an author count on some saved pages (e.g. "NVIDIA").</summary>
    public string? Organization { get; init; }

    /// <summary>The arXiv publication date.</summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>The day the paper was featured on Daily Papers.</summary>
    public DateOnly? FeaturedOn { get; init; }

    public int? Upvotes { get; init; }

    public string? AiSummary { get; init; }

    public IReadOnlyList<string> AiKeywords { get; init; } = [];

    /// <summary>The paper's day: when it was featured on Daily Papers if known, else its publication date.</summary>
    public DateOnly? Day => FeaturedOn ?? PublishedOn;

    /// <summary>The paper's page on arXiv, when the arXiv id is known.</summary>
    public Uri? ArxivUrl => ArxivId is null ? null : new Uri($"https://arxiv.org/abs/{ArxivId}");
}
