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

    /// <summary>The organization's display name (e.g. "NVIDIA"), from the API or a saved page's meta line.</summary>
    public string? Organization { get; init; }

    /// <summary>The organization's Hugging Face handle (e.g. "nvidia"), from the API.</summary>
    public string? OrganizationHandle { get; init; }

    /// <summary>The arXiv publication date.</summary>
    public DateOnly? PublishedOn { get; init; }

    /// <summary>
    /// The day the source says the paper was featured on Daily Papers (<c>submittedOnDailyAt</c>, else the day
    /// the source stands for); null when the source does not know it.
    /// </summary>
    public DateOnly? FeaturedOn { get; init; }

    /// <summary>
    /// Every day the index files the paper under, oldest first: the featured days seen in any source, or, when
    /// none is known, its publication date (a guessed day). Empty for a paper not read from the index.
    /// </summary>
    public IReadOnlyList<DateOnly> Days { get; init; } = [];

    public int? Upvotes { get; init; }

    public string? AiSummary { get; init; }

    public IReadOnlyList<string> AiKeywords { get; init; } = [];

    /// <summary>The code repository the paper's page links to (a GitHub URL).</summary>
    public string? GithubRepo { get; init; }

    public int? GithubStars { get; init; }

    /// <summary>The paper's project page.</summary>
    public string? ProjectPage { get; init; }

    /// <summary>Comments on the paper's Hugging Face page.</summary>
    public int? NumComments { get; init; }

    /// <summary>The Hugging Face user who submitted the paper to Daily Papers (their handle).</summary>
    public string? Submitter { get; init; }

    /// <summary>The social thumbnail Hugging Face renders for the paper.</summary>
    public string? Thumbnail { get; init; }

    /// <summary>
    /// The paper's day: the latest day the index files it under; for a paper not read from the index, the day
    /// its source featured it on, else its publication date.
    /// </summary>
    public DateOnly? Day => Days.Count > 0 ? Days[^1] : FeaturedOn ?? PublishedOn;

    /// <summary>The paper's page on arXiv, when the arXiv id is known.</summary>
    public Uri? ArxivUrl => ArxivId is null ? null : new Uri($"https://arxiv.org/abs/{ArxivId}");

    /// <summary>The paper's PDF on arXiv, when the arXiv id is known.</summary>
    public Uri? PdfUrl => ArxivId is null ? null : new Uri($"https://arxiv.org/pdf/{ArxivId}");

    /// <summary>The paper's page on Hugging Face (upvotes, comments, code, discussion), when the arXiv id is known.</summary>
    public Uri? HuggingFaceUrl => ArxivId is null ? null : new Uri($"https://huggingface.co/papers/{ArxivId}");
}
