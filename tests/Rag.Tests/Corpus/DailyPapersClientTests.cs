using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Tests.Corpus;

public sealed class DailyPapersClientTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2025, 10, 2);

    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _logs = new();
    private FakeHuggingFaceServer _server = null!;
    private ServiceProvider? _provider;

    public async Task InitializeAsync() => _server = await FakeHuggingFaceServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_day_is_fetched_page_by_page_until_an_empty_page()
    {
        _server.AddDay(Day, HfJson.DailyItems(Day, 4));

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(["2510.00001", "2510.00002", "2510.00003", "2510.00004"], result.Entries.Select(e => e.Paper.Id));
        Assert.Equal((3, 0), (result.Pages, result.DuplicatesSkipped));
        Assert.Empty(result.Warnings);
        Assert.Equal(
            ["date=2025-10-02 p=0 limit=2", "date=2025-10-02 p=1 limit=2", "date=2025-10-02 p=2 limit=2"],
            _server.Requests.Select(r => $"date={r["date"]} p={r["p"]} limit={r["limit"]}"));
        Assert.All(_server.Requests, r => Assert.Equal("/api/daily_papers", r.Path));
        var paper = result.Entries[0].Paper;
        Assert.Equal(Day, paper.FeaturedOn);
        Assert.Equal("The abstract of paper 2510.00001. It spans two lines.", paper.Abstract);
        Assert.Equal(["Ada Example", "Bo Example"], paper.Authors);
        Assert.Equal(1, paper.Upvotes);
        Assert.Equal(new ParseResult(result.Entries, result.Warnings).Entries, result.ToParseResult().Entries);
    }

    [Fact]
    public async Task Papers_repeated_across_pages_are_kept_once()
    {
        _server.AddDay(Day, [HfJson.DailyItem("2510.00001", Day), HfJson.DailyItem("2510.00002", Day), HfJson.DailyItem("2510.00002", Day), HfJson.DailyItem("2510.00003", Day)]);

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(["2510.00001", "2510.00002", "2510.00003"], result.Entries.Select(e => e.Paper.Id));
        Assert.Equal(1, result.DuplicatesSkipped);
    }

    [Fact]
    public async Task A_short_page_does_not_end_the_listing_when_the_api_caps_the_limit()
    {
        _server.MaxLimit = 1;
        _server.AddDay(Day, HfJson.DailyItems(Day, 3));

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(3, result.Entries.Count);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task Paging_stops_when_the_server_ignores_the_page_number()
    {
        _server.IgnorePage = true;
        _server.AddDay(Day, HfJson.DailyItems(Day, 4));

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(2, result.Entries.Count);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Contains(_logs, e => e.Level == LogLevel.Warning && e.Message.Contains("does the server ignore p", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_stops_when_the_server_repeats_a_page_of_unreadable_items()
    {
        _server.IgnorePage = true;
        _server.AddDay(Day, ["""{"paper":{"id":"2510.00001"}}""", """{"paper":{"id":"2510.00002"}}"""]);

        var result = await Client().FetchDayAsync(Day);

        Assert.Empty(result.Entries);
        Assert.Equal(4, result.Warnings.Count);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task An_empty_day_gives_no_papers()
    {
        var result = await Client().FetchDayAsync(new DateOnly(2025, 10, 4));

        Assert.Empty(result.Entries);
        Assert.Equal(1, result.Pages);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Items_the_parser_skips_come_back_as_warnings_naming_the_page()
    {
        _server.AddDay(Day, [HfJson.DailyItem("2510.00001", Day), """{"paper":{"id":"2510.00002","summary":"no title"}}"""]);

        var result = await Client().FetchDayAsync(Day);

        Assert.Single(result.Entries);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("api/daily_papers?date=2025-10-02&p=0&limit=2", warning.Path);
        Assert.Equal(2, warning.Line);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        _server.Enqueue(FakeResponse.RateLimited(TimeSpan.FromSeconds(1)));
        _server.AddDay(Day, HfJson.DailyItems(Day, 1));
        var client = Client();

        var watch = Stopwatch.StartNew();
        var result = await client.FetchDayAsync(Day);

        Assert.Single(result.Entries);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Equal(["0", "0", "1"], _server.Requests.Select(r => r["p"]));
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_fails_at_once()
    {
        _server.Enqueue(FakeResponse.RateLimited(TimeSpan.FromSeconds(120)));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client(("MaxRetryDelaySeconds", "5")).FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("asks to wait 120 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("Papers:Token", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_503_asking_for_a_long_wait_fails_at_once()
    {
        _server.Enqueue(FakeResponse.Error(503, "Maintenance") with { RetryAfter = TimeSpan.FromSeconds(600) });

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.Equal(
            "The Hugging Face API answered api/daily_papers?date=2025-10-02&p=0&limit=2 with 503 Service Unavailable and asks to wait 600 s, "
            + "longer than Papers:MaxRetryDelaySeconds (60). Try again later.",
            error.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_persistent_429_fails_after_the_retries()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(FakeResponse.RateLimited(TimeSpan.Zero));
        }

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(
            "The Hugging Face API rate-limited api/daily_papers?date=2025-10-02&p=0&limit=2 (429 Too Many Requests) after 3 attempts. "
            + "Try again later, or set Papers:Token to raise the limit.",
            error.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task A_500_is_retried()
    {
        _server.Enqueue(FakeResponse.Error(500, "Internal Error"));
        _server.AddDay(Day, HfJson.DailyItems(Day, 1));

        var result = await Client().FetchDayAsync(Day);

        Assert.Single(result.Entries);
        Assert.Equal(["0", "0", "1"], _server.Requests.Select(r => r["p"]));
    }

    [Fact]
    public async Task A_persistent_500_fails_with_a_clear_message()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(FakeResponse.Error(503, "Service is down for maintenance"));
        }

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("api/daily_papers?date=2025-10-02&p=0&limit=2", error.RequestPath);
        Assert.Equal(
            "The Hugging Face API failed on api/daily_papers?date=2025-10-02&p=0&limit=2 with 503 Service Unavailable after 3 attempts: "
            + "Service is down for maintenance",
            error.Message);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task Malformed_json_fails_with_a_clear_message()
    {
        _server.Enqueue(FakeResponse.Json(200, "[{\"paper\": {\"id\": \"2510.00001\",\n \"title\": }}]"));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client().FetchDayAsync(Day));

        Assert.StartsWith("The Hugging Face API returned malformed JSON for api/daily_papers?date=2025-10-02&p=0&limit=2 (line 2): ", error.Message, StringComparison.Ordinal);
        Assert.IsType<CorpusFormatException>(error.InnerException);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_carries_the_api_message_but_never_the_token()
    {
        _server.Enqueue(FakeResponse.Error(400, "Invalid date"));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => Client(("Token", "hf_secret_token")).FetchDayAsync(Day));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Invalid date", error.ApiMessage);
        Assert.Equal("The Hugging Face API rejected api/daily_papers?date=2025-10-02&p=0&limit=2 (400 Bad Request): Invalid date", error.Message);
        Assert.DoesNotContain("hf_secret_token", error.ToString(), StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Weeks_and_months_are_sent_as_their_query_parameters()
    {
        _server.AddListing("week", "2025-W40", HfJson.DailyItems(Day, 1));
        _server.AddListing("month", "2025-10", HfJson.DailyItems(Day, 3));
        var client = Client();

        var week = await client.FetchWeekAsync("2025-w40");
        var month = await client.FetchMonthAsync("2025-10");

        Assert.Equal(("week", "2025-W40", 1), (week.Period.Parameter, week.Period.Value, week.Entries.Count));
        Assert.Equal(("month", "2025-10", 3), (month.Period.Parameter, month.Period.Value, month.Entries.Count));
        Assert.Equal(
            ["week=2025-W40&p=0&limit=2", "week=2025-W40&p=1&limit=2", "month=2025-10&p=0&limit=2", "month=2025-10&p=1&limit=2", "month=2025-10&p=2&limit=2"],
            _server.Requests.Select(r => string.Join('&', r.Query.Select(q => $"{q.Key}={q.Value}"))));
    }

    [Theory]
    [InlineData("week", "2025-40")]
    [InlineData("week", "2025-W53")]
    [InlineData("week", "2025-W00")]
    [InlineData("week", "25-W10")]
    [InlineData("month", "2025-13")]
    [InlineData("month", "2025/10")]
    [InlineData("month", "2025-10-01")]
    public async Task Malformed_weeks_and_months_fail_before_any_request(string kind, string value)
    {
        var client = Client();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            kind == "week" ? client.FetchWeekAsync(value) : client.FetchMonthAsync(value));

        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-10-2")]
    [InlineData("yesterday")]
    public void Malformed_dates_fail_with_a_clear_message(string date)
    {
        var error = Assert.Throws<ArgumentException>(() => DailyPapersPeriod.ParseDay(date));

        Assert.Equal($"A date must look like 2025-10-02 (yyyy-MM-dd); got '{date}'.", error.Message);
    }

    [Fact]
    public void Iso_weeks_know_53_week_years()
    {
        Assert.Equal("week=2026-W53", DailyPapersPeriod.Week("2026-W53").ToString());
        Assert.Equal("date=2025-10-02", DailyPapersPeriod.ParseDay(" 2025-10-02 ").ToString());
    }

    [Fact]
    public async Task The_token_is_sent_as_a_bearer_token_and_never_logged()
    {
        await Client(("Token", "hf_secret_token")).FetchDayAsync(Day);

        Assert.Equal("Bearer hf_secret_token", Assert.Single(_server.Requests).Authorization);
        Assert.NotEmpty(_logs);
        Assert.DoesNotContain(_logs, e => e.Message.Contains("hf_secret_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_authorization_is_sent_without_a_token()
    {
        await Client().FetchDayAsync(Day);

        Assert.Null(Assert.Single(_server.Requests).Authorization);
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
        _server.Enqueue(FakeResponse.Json(200, "[]") with { Delay = TimeSpan.FromSeconds(10) });
        _server.AddDay(Day, HfJson.DailyItems(Day, 1));

        var result = await Client(("RequestTimeoutSeconds", "1")).FetchDayAsync(Day);

        Assert.Single(result.Entries);
    }

    [Fact]
    public async Task A_request_past_the_total_timeout_fails_with_a_clear_message()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.Enqueue(FakeResponse.Json(200, "[]") with { Delay = TimeSpan.FromSeconds(10) });
        }

        var error = await Assert.ThrowsAsync<PapersApiException>(() =>
            Client(("RequestTimeoutSeconds", "5"), ("TotalTimeoutSeconds", "1")).FetchDayAsync(Day));

        Assert.StartsWith("The Hugging Face API did not answer api/daily_papers?date=2025-10-02&p=0&limit=2 in time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_an_api_error()
    {
        _server.Enqueue(FakeResponse.Json(200, "[]") with { Delay = TimeSpan.FromSeconds(10) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().FetchDayAsync(Day, cancellation.Token));
    }

    [Theory]
    [InlineData("PageSize", "0")]
    [InlineData("ApiBaseUrl", "not a url")]
    [InlineData("SyncHourUtc", "24")]
    [InlineData("MaxRetries", "11")]
    public void Invalid_options_fail_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Client((key, value)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_have_their_documented_defaults()
    {
        var options = new PapersOptions();

        Assert.Equal(("https://huggingface.co", null, 50, (int?)null), (options.ApiBaseUrl, options.Token, options.PageSize, options.SyncHourUtc));
    }

    private DailyPapersClient Client(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Papers:ApiBaseUrl"] = _server.BaseUrl.ToString(),
            ["Papers:PageSize"] = "2",
            ["Papers:MaxRetries"] = "2",
            ["Papers:RetryBaseDelayMilliseconds"] = "10",
            ["Papers:RequestTimeoutSeconds"] = "5",
            ["Papers:TotalTimeoutSeconds"] = "20",
        };
        foreach (var (key, value) in settings)
        {
            values[$"Papers:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(_logs)).SetMinimumLevel(LogLevel.Trace))
            .AddPaperBotSync(configuration)
            .BuildServiceProvider();
        return _provider.GetRequiredService<DailyPapersClient>();
    }

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
