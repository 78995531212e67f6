namespace PaperBot.Rag.Answering.Retrieval;

/// <summary>Whether retrieval uses abstract embeddings besides keywords.</summary>
public enum EmbeddingUse
{
    /// <summary>When an embedding generator is registered.</summary>
    Auto,

    /// <summary>Keywords only, even with an embedding model configured.</summary>
    Off,
}
