using System.ComponentModel.DataAnnotations;
using PaperBot.Rag.Llm.Remote;

namespace PaperBot.Rag.Llm;

/// <summary>
/// The optional embedding model (configuration section "Embeddings"): a local GGUF file, whose natives and threads
/// come from "Llm", or OpenAI-compatible servers (POST /v1/embeddings). Checked by <see cref="EmbeddingsOptionsValidator"/>.
/// </summary>
public sealed class EmbeddingsOptions : IValidatableObject
{
    public const string SectionName = "Embeddings";

    /// <summary>"local" (<see cref="ModelPath"/>) or "openai" (the servers in <see cref="Endpoints"/>).</summary>
    [RegularExpression("^(local|openai)$", ErrorMessage = "Embeddings:Provider must be local or openai.")]
    public string Provider { get; set; } = LlmOptions.Local;

    public List<RemoteEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Texts sent in one embeddings request; a long list is split into such batches, spread over the servers.</summary>
    [Range(1, 2048)]
    public int RequestBatchSize { get; set; } = 32;

    public bool IsRemote => string.Equals(Provider, LlmOptions.OpenAi, StringComparison.Ordinal);

    /// <summary>A GGUF embedding model (e.g. bge-small-en-v1.5); "auto" = the first BERT-family *.gguf under models/; "" = none.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>
    /// Text put before each question (not before the abstracts) when it is embedded, for models trained that way:
    /// snowflake-arctic-embed and bge-*-en-v1.5 "Represent this sentence for searching relevant passages: ",
    /// e5 "query: ", nomic-embed "search_query: ". Empty for symmetric models such as all-MiniLM-L6-v2.
    /// </summary>
    public string QueryPrefix { get; set; } = "";

    /// <summary>Tokens per batch, which is also the most tokens read from one text.</summary>
    [Range(64, 8192)]
    public int BatchSize { get; set; } = 512;

    /// <summary>The endpoint list is only required (and checked) when the provider is "openai".</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        IsRemote ? RemoteEndpointsValidation.Results(SectionName, Endpoints) : [];
}
