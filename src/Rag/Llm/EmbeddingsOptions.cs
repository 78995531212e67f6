using System.ComponentModel.DataAnnotations;

namespace PaperBot.Rag.Llm;

/// <summary>The optional embedding model (configuration section "Embeddings"); natives and threads come from "Llm".</summary>
public sealed class EmbeddingsOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>A GGUF embedding model (e.g. bge-small-en-v1.5); "auto" = the first BERT-family *.gguf under models/; "" = none.</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>Tokens per batch, which is also the most tokens read from one text.</summary>
    [Range(64, 8192)]
    public int BatchSize { get; set; } = 512;
}
