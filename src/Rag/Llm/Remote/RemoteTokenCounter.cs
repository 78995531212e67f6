using System.Collections.Concurrent;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// Counts tokens with the server's tokenizer (llama-server POST /tokenize) when it has one, else with the
/// conservative <see cref="CharacterTokenEstimate"/> (3 characters per token, which over-counts English text by
/// about a third, so packed prompts fit). The context size is the smallest of the servers': configured per
/// endpoint, else reported by the server (GET /props), else <paramref name="fallbackContextSize"/> (Llm:ContextSize).
/// </summary>
/// <remarks>
/// <see cref="ITokenCounter"/> is synchronous (the packer counts source by source), so the HTTP calls are waited
/// for; counts are cached because the same abstracts come back across questions.
/// </remarks>
internal sealed class RemoteTokenCounter : ITokenCounter
{
    private const int CacheLimit = 4096;
    private readonly EndpointPool _pool;
    private readonly CharacterTokenEstimate _estimate;
    private readonly Lazy<int> _contextSize;
    private readonly ConcurrentDictionary<string, int> _cache = new(StringComparer.Ordinal);
    private volatile bool _noTokenizer;

    public RemoteTokenCounter(EndpointPool pool, int fallbackContextSize)
    {
        _pool = pool;
        _estimate = new CharacterTokenEstimate(fallbackContextSize);
        _contextSize = new Lazy<int>(() => FindContextSize(fallbackContextSize));
    }

    public int ContextSize => _contextSize.Value;

    /// <summary>True once a server showed it has no tokenizer endpoint: counts are estimates from then on.</summary>
    public bool Estimating => _noTokenizer;

    public int CountTokens(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (_noTokenizer)
        {
            return _estimate.CountTokens(text);
        }

        if (_cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var counted = CountOnServer(text);
        if (counted is null)
        {
            return _estimate.CountTokens(text);
        }

        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }

        _cache[text] = counted.Value;
        return counted.Value;
    }

    private int? CountOnServer(string text)
    {
        var endpoint = _pool.Endpoints.FirstOrDefault(e => e.Health != EndpointHealth.Down);
        if (endpoint is null)
        {
            return null;
        }

        try
        {
            var count = endpoint.Api.CountTokensAsync(text, CancellationToken.None).GetAwaiter().GetResult();
            if (count is null)
            {
                _noTokenizer = true;
            }

            return count;
        }
        catch (Exception e) when (EndpointFailures.IsEndpointFailure(e, CancellationToken.None) || e is System.Text.Json.JsonException)
        {
            // The answer request that follows finds the server's trouble and handles it; here the estimate will do.
            return null;
        }
    }

    private int FindContextSize(int fallback)
    {
        var sizes = new List<int>();
        foreach (var endpoint in _pool.Endpoints)
        {
            if (endpoint.Options.ContextSize > 0)
            {
                sizes.Add(endpoint.Options.ContextSize);
                continue;
            }

            try
            {
                sizes.Add(endpoint.Api.ContextSizeAsync(CancellationToken.None).GetAwaiter().GetResult() ?? fallback);
            }
            catch (Exception e) when (EndpointFailures.IsEndpointFailure(e, CancellationToken.None) || e is System.Text.Json.JsonException)
            {
                sizes.Add(fallback);
            }
        }

        return sizes.Count == 0 ? fallback : sizes.Min();
    }
}
