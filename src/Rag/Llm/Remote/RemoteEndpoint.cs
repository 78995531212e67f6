using Microsoft.Extensions.AI;
using OpenAI;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// One server in the pool: its OpenAI client (through Microsoft.Extensions.AI's adapters), its optional extra
/// calls, and its state. The state is changed only by <see cref="EndpointPool"/>, under its lock.
/// </summary>
internal sealed class RemoteEndpoint(int index, RemoteEndpointOptions options, OpenAIClient client, ServerApi api)
{
    private IChatClient? _chat;
    private IEmbeddingGenerator<string, Embedding<float>>? _embeddings;

    public int Index { get; } = index;

    public RemoteEndpointOptions Options { get; } = options;

    public IChatClient Chat => _chat ??= client.GetChatClient(Options.Model).AsIChatClient();

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings => _embeddings ??= client.GetEmbeddingClient(Options.Model).AsIEmbeddingGenerator();

    public ServerApi Api { get; } = api;

    public EndpointHealth Health { get; set; }

    public DateTimeOffset DownSince { get; set; }

    public int InFlight { get; set; }

    public long Served { get; set; }

    public long Failures { get; set; }

    public string? LastError { get; set; }

    public bool HasFreeSlot => Health != EndpointHealth.Down && InFlight < Options.Parallel;

    public EndpointStatus Status() =>
        new(Options.DisplayUrl, Options.Model, Options.Parallel, Health, InFlight, Served, Failures, LastError);
}
