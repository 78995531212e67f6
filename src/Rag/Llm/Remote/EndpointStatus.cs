namespace PaperBot.Rag.Llm.Remote;

/// <summary>A snapshot of one server for `models`, the chat's /model and tests. Holds no API key.</summary>
public sealed record EndpointStatus(
    string Url, string Model, int Parallel, EndpointHealth Health, int InFlight, long Served, long Failures, string? LastError);
