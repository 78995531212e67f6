using Microsoft.Extensions.Logging;
using PaperBot.Rag.Corpus;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>Paging, de-duplication, query parameters and the token, against <see cref="FakeHuggingFaceServer"/>.</summary>
public sealed class DailyPapersClientTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2025, 10, 2);

    private PapersClientHarness _harness = null!;

    private FakeHuggingFaceServer Server => _harness.Server;

    public async Task InitializeAsync() => _harness = await PapersClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_day_is_fetched_page_by_page_until_an_empty_page()
    {
        Server.AddDay(Day, HfJson.DailyItems(Day, 4));

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(["2510.00001", "2510.00002", "2510.00003", "2510.00004"], result.Entries.Select(e => e.Paper.Id));
        Assert.Equal((3, 0), (result.Pages, result.DuplicatesSkipped));
        Assert.Empty(result.Warnings);
        Assert.Equal(
            ["date=2025-10-02 p=0 limit=2", "date=2025-10-02 p=1 limit=2", "date=2025-10-02 p=2 limit=2"],
            Server.Requests.Select(r => $"date={r["date"]} p={r["p"]} limit={r["limit"]}"));
        Assert.All(Server.Requests, r => Assert.Equal("/api/daily_papers", r.Path));
        var paper = result.Entries[0].Paper;
        Assert.Equal(Day, paper.FeaturedOn);
        Assert.Equal("The abstract of paper 2510.00001. It spans two lines.", paper.Abstract);
        Assert.Equal(["Ada Example", "Bo Example"], paper.Authors);
        Assert.Equal(1, paper.Upvotes);
        Assert.Same(result.Entries, result.ToParseResult().Entries);
    }

    [Fact]
    public async Task Papers_repeated_across_pages_are_kept_once()
    {
        Server.AddDay(Day, [HfJson.DailyItem("2510.00001", Day), HfJson.DailyItem("2510.00002", Day), HfJson.DailyItem("2510.00002", Day), HfJson.DailyItem("2510.00003", Day)]);

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(["2510.00001", "2510.00002", "2510.00003"], result.Entries.Select(e => e.Paper.Id));
        Assert.Equal(1, result.DuplicatesSkipped);
    }

    [Fact]
    public async Task A_short_page_does_not_end_the_listing_when_the_api_caps_the_limit()
    {
        Server.MaxLimit = 1;
        Server.AddDay(Day, HfJson.DailyItems(Day, 3));

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(3, result.Entries.Count);
        Assert.Equal(4, Server.Requests.Count);
    }

    [Fact]
    public async Task Paging_stops_when_the_server_ignores_the_page_number()
    {
        Server.IgnorePage = true;
        Server.AddDay(Day, HfJson.DailyItems(Day, 4));

        var result = await Client().FetchDayAsync(Day);

        Assert.Equal(2, result.Entries.Count);
        Assert.Equal(2, Server.Requests.Count);
        Assert.Contains(_harness.Logs.Lines, e => e.Level == LogLevel.Warning && e.Message.Contains("does the server ignore p", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_stops_when_the_server_repeats_a_page_of_unreadable_items()
    {
        Server.IgnorePage = true;
        Server.AddDay(Day, ["""{"paper":{"id":"2510.00001"}}""", """{"paper":{"id":"2510.00002"}}"""]);

        var result = await Client().FetchDayAsync(Day);

        Assert.Empty(result.Entries);
        Assert.Equal(4, result.Warnings.Count);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task An_empty_day_gives_no_papers()
    {
        var result = await Client().FetchDayAsync(new DateOnly(2025, 10, 4));

        Assert.Empty(result.Entries);
        Assert.Equal(1, result.Pages);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Items_the_parser_skips_come_back_as_warnings_naming_the_page()
    {
        Server.AddDay(Day, [HfJson.DailyItem("2510.00001", Day), """{"paper":{"id":"2510.00002","summary":"no title"}}"""]);

        var result = await Client().FetchDayAsync(Day);

        Assert.Single(result.Entries);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("api/daily_papers?date=2025-10-02&p=0&limit=2", warning.Path);
        Assert.Equal(2, warning.Line);
    }

    [Fact]
    public async Task Weeks_and_months_are_sent_as_their_query_parameters()
    {
        Server.AddListing("week", "2025-W40", HfJson.DailyItems(Day, 1));
        Server.AddListing("month", "2025-10", HfJson.DailyItems(Day, 3));
        var client = Client();

        var week = await client.FetchWeekAsync("2025-w40");
        var month = await client.FetchMonthAsync("2025-10");

        Assert.Equal(("week", "2025-W40", 1), (week.Period.Parameter, week.Period.Value, week.Entries.Count));
        Assert.Equal(("month", "2025-10", 3), (month.Period.Parameter, month.Period.Value, month.Entries.Count));
        Assert.Equal(
            ["week=2025-W40&p=0&limit=2", "week=2025-W40&p=1&limit=2", "month=2025-10&p=0&limit=2", "month=2025-10&p=1&limit=2", "month=2025-10&p=2&limit=2"],
            Server.Requests.Select(r => string.Join('&', r.Query.Select(q => $"{q.Key}={q.Value}"))));
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
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task The_token_is_sent_as_a_bearer_token_and_never_logged()
    {
        await Client(("Token", "hf_secret_token")).FetchDayAsync(Day);

        Assert.Equal("Bearer hf_secret_token", Assert.Single(Server.Requests).Authorization);
        Assert.NotEmpty(_harness.Logs.Lines);
        Assert.DoesNotContain(_harness.Logs.Lines, e => e.ToString().Contains("hf_secret_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_authorization_is_sent_without_a_token()
    {
        await Client().FetchDayAsync(Day);

        Assert.Null(Assert.Single(Server.Requests).Authorization);
    }

    private DailyPapersClient Client(params (string Key, string Value)[] settings) => _harness.Client(settings);
}
