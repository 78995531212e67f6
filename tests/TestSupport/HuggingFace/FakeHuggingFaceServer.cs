using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaperBot.TestSupport.HuggingFace;

/// <summary>
/// A Hugging Face Hub stand-in on 127.0.0.1 serving <c>GET /api/daily_papers</c> the way the real one does:
/// listings per date, week or month, paged with <c>p</c> and <c>limit</c>, <c>[]</c> past the end or for an
/// unknown day, 400 for a malformed date. Scripted responses (<see cref="Enqueue"/>) are served first, one per
/// request, to inject rate limits, errors and broken bodies. Every request is recorded.
/// </summary>
public sealed class FakeHuggingFaceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<string>> _listings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeResponse> _scripted = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();

    private FakeHuggingFaceServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/; use it as Papers:ApiBaseUrl.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests received so far, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>The largest <c>limit</c> honoured, like an API that caps page size below what was asked.</summary>
    public int MaxLimit { get; set; } = int.MaxValue;

    /// <summary>When set, every page is page 0, like a server that ignores <c>p</c>.</summary>
    public bool IgnorePage { get; set; }

    public static async Task<FakeHuggingFaceServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new FakeHuggingFaceServer(app);
        await app.StartAsync();
        // Port 0 binds a free port; the server's addresses feature holds the one actually bound.
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Adds items (JSON objects, e.g. from <see cref="HfJson"/>) to the listing of <c>parameter=value</c>.</summary>
    public void AddListing(string parameter, string value, IEnumerable<string> items) =>
        _listings.GetOrAdd($"{parameter}={value}", _ => []).AddRange(items);

    public void AddDay(DateOnly day, IEnumerable<string> items) =>
        AddListing("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), items);

    /// <summary>Serves this response to the next request that finds no earlier scripted one.</summary>
    public void Enqueue(FakeResponse response) => _scripted.Enqueue(response);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var authorization = request.Headers.Authorization.Count == 0 ? null : request.Headers.Authorization.ToString();
        _requests.Enqueue(new FakeRequest(request.Path.Value ?? string.Empty, query, authorization));

        var response = _scripted.TryDequeue(out var scripted) ? scripted : Route(request.Path, query);
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        if (response.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    private FakeResponse Route(PathString path, Dictionary<string, string> query)
    {
        if (path != "/api/daily_papers")
        {
            return FakeResponse.Error(404, "Sorry, we can't find the page you are looking for.");
        }

        if (query.TryGetValue("date", out var date)
            && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return FakeResponse.Error(400, $"Invalid date: {date}");
        }

        var page = IgnorePage ? 0 : IntOr(query, "p", 0);
        var limit = Math.Min(IntOr(query, "limit", 50), MaxLimit);
        var key = new[] { "date", "week", "month" }.Where(query.ContainsKey).Select(name => $"{name}={query[name]}").FirstOrDefault();
        var items = key is not null && _listings.TryGetValue(key, out var listing) ? listing : [];
        var body = "[" + string.Join(",\n", items.Skip(page * limit).Take(limit)) + "]";
        return FakeResponse.Json(200, body);
    }

    private static int IntOr(Dictionary<string, string> query, string name, int fallback) =>
        query.TryGetValue(name, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
