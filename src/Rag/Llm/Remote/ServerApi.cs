using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperBot.Rag.Llm.Remote;

/// <summary>
/// The calls to a server outside the OpenAI API, each optional: llama-server's GET /health, POST /tokenize and
/// GET /props (other engines answer 404, and the caller falls back: GET /v1/models, an estimate, the configured
/// size). The API key goes in the Authorization header of each request and nowhere else. Each call gives up
/// after <paramref name="timeout"/> (a <see cref="TaskCanceledException"/>), so a hung server never hangs us.
/// </summary>
internal sealed class ServerApi(HttpClient http, RemoteEndpointOptions endpoint, TimeSpan timeout)
{
    private readonly Uri _v1 = new(endpoint.Url.TrimEnd('/') + "/");

    // llama-server serves its own routes beside /v1, at the server's root.
    private readonly Uri _root = new(endpoint.Url.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal)
        ? endpoint.Url.TrimEnd('/')[..^"/v1".Length] + "/"
        : endpoint.Url.TrimEnd('/') + "/");

    /// <summary>True when the server answers /health (or, without one, /v1/models) with success.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using (var health = await SendAsync(HttpMethod.Get, new Uri(_root, "health"), null, cancellationToken))
        {
            if (health.IsSuccessStatusCode)
            {
                return true;
            }

            if (health.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }
        }

        using var models = await SendAsync(HttpMethod.Get, new Uri(_v1, "models"), null, cancellationToken);
        return models.IsSuccessStatusCode;
    }

    /// <summary>The tokens per request the server allows (llama-server: n_ctx of a slot), or null when it does not say.</summary>
    public async Task<int?> ContextSizeAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, new Uri(_root, "props"), null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.TryGetProperty("default_generation_settings", out var settings)
            && settings.TryGetProperty("n_ctx", out var nCtx) && nCtx.TryGetInt32(out var n) && n > 0
            ? n
            : null;
    }

    /// <summary>The server's token count for <paramref name="text"/>, or null when it has no tokenizer endpoint.</summary>
    public async Task<int?> CountTokensAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, new Uri(_root, "tokenize"), JsonContent.Create(new { content = text, add_special = false }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return json.RootElement.TryGetProperty("tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Array
            ? tokens.GetArrayLength()
            : null;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timer.Token);
    }
}
