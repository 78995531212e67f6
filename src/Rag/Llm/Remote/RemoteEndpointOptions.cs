namespace PaperBot.Rag.Llm.Remote;

/// <summary>One OpenAI-compatible server (an entry of "Llm:Endpoints" or "Embeddings:Endpoints").</summary>
public sealed class RemoteEndpointOptions
{
    /// <summary>Base URL of the OpenAI-compatible API, ending in /v1 (e.g. http://gpu1:8000/v1).</summary>
    public string Url { get; set; } = "";

    /// <summary>The model name the server expects in requests.</summary>
    public string Model { get; set; } = "";

    /// <summary>Sent as a bearer token; empty = none. Never logged or printed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Requests this server takes at once; more wait for a free slot.</summary>
    public int Parallel { get; set; } = 4;

    /// <summary>Tokens per request (prompt plus answer); 0 = ask the server (llama-server GET /props), else Llm:ContextSize.</summary>
    public int ContextSize { get; set; }

    /// <summary>The URL for logs and tables: scheme, host, port and path only (no user info, no query).</summary>
    public string DisplayUrl => Uri.TryCreate(Url, UriKind.Absolute, out var uri)
        ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : Url;
}
