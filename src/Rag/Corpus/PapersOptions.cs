using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Corpus;

/// <summary>The "Papers" section: where and how to fetch Hugging Face Daily Papers.</summary>
public sealed class PapersOptions
{
    public const string SectionName = "Papers";

    /// <summary>The Hub's base URL; tests and proxies point it elsewhere.</summary>
    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>Optional Hugging Face access token, sent as a Bearer token to raise rate limits. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Items requested per page (the API's <c>limit</c>).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 50;

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Timeout of one page request, all its retries and their delays included.</summary>
    [Range(1, 3600)]
    public int TotalTimeoutSeconds { get; set; } = 180;

    /// <summary>Retries of a page request after a 408, 429, 5xx, timeout or connection error.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Longest wait before a retry. A 429 whose Retry-After asks for longer fails at once instead, so a sync
    /// never hangs for minutes on a rate-limit window.
    /// </summary>
    [Range(1, 3600)]
    public int MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>The UTC hour at which the bot syncs the latest papers each day; null turns the daily sync off.</summary>
    [Range(0, 23)]
    public int? SyncHourUtc { get; set; }

    /// <summary>The base URL with a trailing slash, so relative request paths keep any path prefix it has.</summary>
    internal Uri BaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
