namespace PaperBot.TestSupport.HuggingFace;

/// <summary>A scripted answer of the fake Hugging Face server: an error, a rate limit, a broken body, a slow reply.</summary>
public sealed record FakeResponse(int Status, string Body, string ContentType = "application/json")
{
    /// <summary>Sent as Retry-After in whole seconds.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How long to wait before answering (for timeouts).</summary>
    public TimeSpan Delay { get; init; }

    public static FakeResponse Json(int status, string body) => new(status, body);

    /// <summary>An error with the Hub's {"error": "..."} body.</summary>
    public static FakeResponse Error(int status, string message) =>
        new(status, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }));

    public static FakeResponse RateLimited(TimeSpan retryAfter) =>
        Error(429, "You have been rate-limited; you can retry this action in about 5 minutes.") with { RetryAfter = retryAfter };
}
