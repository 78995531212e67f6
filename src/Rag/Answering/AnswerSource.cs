namespace PaperBot.Rag.Answering;

/// <summary>A paper given as a source, numbered as in the answer, with its retrieval score, day and arXiv link.</summary>
public sealed record AnswerSource(int Number, string Id, string Title, double Score, DateOnly? Day, Uri? Url)
{
    /// <summary>The paper's Hugging Face page, when the arXiv id is known.</summary>
    public Uri? HuggingFaceUrl { get; init; }

    /// <summary>The paper's code repository, when Hugging Face knows one.</summary>
    public string? GithubRepo { get; init; }
}
