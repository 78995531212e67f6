using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PaperBot.Rag.Corpus;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>Retries, rate limits, timeouts and the errors that remain, against <see cref="FakeHuggingFaceServer"/>.</summary>
public sealed class DailyPapersClientErrorTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2025, 10, 2);

    private PapersClientHarness _harness = null!;

    private FakeHuggingFaceServer Server => _harness.Server;

    public async Task InitializeAsync() => _harness = await PapersClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        Server.Enqueue(FakeResponse.RateLimited(TimeSpan.FromSeconds(1)));
        Server.AddDay(Day, HfJson.DailyItems(Day, 1));
        var client = Client();

        var watch = Stopwatch.StartNew();
        var result = await client.FetchDayAsync(Day);

        Assert.Single(result.Entries);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Equal(["0", "0", "1"], Server.Requests.Select(r => r["p"]));
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_fails_at_once()
    {
        Server.Enqueue(FakeResponse.RateLimited(TimeSpan.FromSeconds(120)));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client(("MaxRetryDelaySeconds", "5")).FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("asks to wait 120 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("Papers:Token", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_503_asking_for_a_long_wait_fails_at_once()
    {
        Server.Enqueue(FakeResponse.Error(503, "Maintenance") with { RetryAfter = TimeSpan.FromSeconds(600) });

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.Equal(
            "The Hugging Face API answered api/daily_papers?date=2025-10-02&p=0&limit=2 with 503 Service Unavailable and asks to wait 600 s, "
            + "longer than Papers:MaxRetryDelaySeconds (60). Try again later.",
            error.Message);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_persistent_429_fails_after_the_retries()
    {
        for (var i = 0; i < 3; i++)
        {
            Server.Enqueue(FakeResponse.RateLimited(TimeSpan.Zero));
        }

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(
            "The Hugging Face API rate-limited api/daily_papers?date=2025-10-02&p=0&limit=2 (429 Too Many Requests) after 3 attempts. "
            + "Try again later, or set Papers:Token to raise the limit.",
            error.Message);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task A_500_is_retried()
    {
        Server.Enqueue(FakeResponse.Error(500, "Internal Error"));
        Server.AddDay(Day, HfJson.DailyItems(Day, 1));

        var result = await Client().FetchDayAsync(Day);

        Assert.Single(result.Entries);
        Assert.Equal(["0", "0", "1"], Server.Requests.Select(r => r["p"]));
    }

    [Fact]
    public async Task A_persistent_500_fails_with_a_clear_message()
    {
        for (var i = 0; i < 3; i++)
        {
            Server.Enqueue(FakeResponse.Error(503, "Service is down for maintenance"));
        }

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("api/daily_papers?date=2025-10-02&p=0&limit=2", error.RequestPath);
        Assert.Equal(
            "The Hugging Face API failed on api/daily_papers?date=2025-10-02&p=0&limit=2 with 503 Service Unavailable after 3 attempts: "
            + "Service is down for maintenance",
            error.Message);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Fact]
    public async Task Malformed_json_fails_with_a_clear_message()
    {
        Server.Enqueue(FakeResponse.Json(200, "[{\"paper\": {\"id\": \"2510.00001\",\n \"title\": }}]"));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.StartsWith("The Hugging Face API returned malformed JSON for api/daily_papers?date=2025-10-02&p=0&limit=2 (line 2): ", error.Message, StringComparison.Ordinal);
        Assert.IsType<CorpusFormatException>(error.InnerException);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_carries_the_api_message_but_never_the_token()
    {
        Server.Enqueue(FakeResponse.Error(400, "Invalid date"));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client(("Token", "hf_secret_token")).FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Invalid date", error.ApiMessage);
        Assert.Equal("The Hugging Face API rejected api/daily_papers?date=2025-10-02&p=0&limit=2 (400 Bad Request): Invalid date", error.Message);
        Assert.DoesNotContain("hf_secret_token", error.ToString(), StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_names_the_base_url()
    {
        var closed = ClosedLocalUrl();

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client(("ApiBaseUrl", closed)).FetchDayAsync(Day));

        Assert.StartsWith($"Could not reach the Hugging Face API at {closed} after 3 attempts (ConnectionError: ", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_is_retried()
    {
        Server.Enqueue(FakeResponse.Json(200, "[]") with { Delay = TimeSpan.FromSeconds(10) });
        Server.AddDay(Day, HfJson.DailyItems(Day, 1));

        var result = await Client(("RequestTimeoutSeconds", "1")).FetchDayAsync(Day);

        Assert.Single(result.Entries);
    }

    [Fact]
    public async Task A_request_past_the_total_timeout_fails_with_a_clear_message()
    {
        for (var i = 0; i < 3; i++)
        {
            Server.Enqueue(FakeResponse.Json(200, "[]") with { Delay = TimeSpan.FromSeconds(10) });
        }

        var error = await Assert.ThrowsAsync<PapersApiException>(() =>
            Client(("RequestTimeoutSeconds", "5"), ("TotalTimeoutSeconds", "1")).FetchDayAsync(Day));

        Assert.StartsWith("The Hugging Face API did not answer api/daily_papers?date=2025-10-02&p=0&limit=2 in time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_an_api_error()
    {
        Server.Enqueue(FakeResponse.Json(200, "[]") with { Delay = TimeSpan.FromSeconds(10) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().FetchDayAsync(Day, cancellation.Token));
    }

    private DailyPapersClient Client(params (string Key, string Value)[] settings) => _harness.Client(settings);

    /// <summary>A local URL nothing listens on: bind a free port, then release it.</summary>
    private static string ClosedLocalUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
