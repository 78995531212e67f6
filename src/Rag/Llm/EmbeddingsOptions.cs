using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Llm;

/// <summary>The optional embedding model (configuration section "Embeddings"); natives and threads come from "Llm".</summary>
public sealed class EmbeddingsOptions
{
    public const string SectionName = "Embeddings";

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
}
