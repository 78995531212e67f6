namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// Where embeddings come from (configuration section "Embeddings", beside the local model's
/// <see cref="EmbeddingsOptions"/>): the local GGUF embedding model or OpenAI-compatible servers (POST /v1/embeddings).
/// </summary>
public sealed class RemoteEmbeddingsOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>"local" (Embeddings:ModelPath) or "openai" (the servers in <see cref="Endpoints"/>).</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^(local|openai)$", ErrorMessage = "Embeddings:Provider must be local or openai.")]
    public string Provider { get; set; } = RemoteLlmOptions.Local;

    public List<RemoteEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Texts sent in one embeddings request; a long list is split into such batches, spread over the servers.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 2048)]
    public int RequestBatchSize { get; set; } = 32;

    public bool IsRemote => string.Equals(Provider, RemoteLlmOptions.OpenAi, StringComparison.Ordinal);
}
