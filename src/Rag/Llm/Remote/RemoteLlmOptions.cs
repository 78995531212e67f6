using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// Which model answers (configuration section "Llm", beside the local model's <see cref="LlmOptions"/>):
/// the in-process engine or OpenAI-compatible servers.
/// </summary>
public sealed class RemoteLlmOptions
{
    public const string SectionName = "Llm";

    public const string Local = "local";

    public const string OpenAi = "openai";

    /// <summary>"local" (the GGUF model in this process) or "openai" (the servers in <see cref="Endpoints"/>).</summary>
    [RegularExpression("^(local|openai)$", ErrorMessage = "Llm:Provider must be local or openai.")]
    public string Provider { get; set; } = Local;

    /// <summary>The servers used when <see cref="Provider"/> is "openai".</summary>
    public List<RemoteEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>With every server down, answer extractively (with a notice) instead of failing.</summary>
    public bool FallbackToExtractive { get; set; } = true;

    /// <summary>
    /// Longest wait for one network step: the response to start, or the next piece of a stream. A server that
    /// takes longer counts as failed.
    /// </summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a failed server stays out of the rotation before a health probe may bring it back.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    public bool IsRemote => string.Equals(Provider, OpenAi, StringComparison.Ordinal);
}
