namespace PaperBot.Rag.Llm.Remote;

public enum EndpointHealth
{
    /// <summary>Not contacted yet; in the rotation (a server is assumed up until it fails).</summary>
    Unknown,

    Healthy,

    /// <summary>Failed; out of the rotation until a health probe succeeds.</summary>
    Down,
}
