namespace PaperBot.Rag.Llm.Remote;

/// <summary>A slot on one server, held for one request; disposing it frees the slot.</summary>
internal sealed class EndpointLease(EndpointPool pool, RemoteEndpoint endpoint) : IDisposable
{
    private int _released;

    public RemoteEndpoint Endpoint { get; } = endpoint;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            pool.Release(Endpoint);
        }
    }
}
