using Microsoft.Extensions.Options;
using PaperBot.Rag.Corpus;
using PaperBot.TestSupport.HuggingFace;

namespace PaperBot.Rag.Tests.Corpus;

public sealed class PapersOptionsTests : IAsyncLifetime
{
    private PapersClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await PapersClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("PageSize", "0")]
    [InlineData("ApiBaseUrl", "not a url")]
    [InlineData("SyncHourUtc", "24")]
    [InlineData("MaxRetries", "11")]
    [InlineData("MaxRetryDelaySeconds", "0")]
    public void Invalid_options_fail_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => _harness.Client((key, value)));

        Assert.StartsWith($"Papers:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_have_their_documented_defaults()
    {
        var options = new PapersOptions();

        Assert.Equal(
            ("https://huggingface.co", null, 50, 30, 180, 4, 2000, 60, (int?)null),
            (options.ApiBaseUrl, options.Token, options.PageSize, options.RequestTimeoutSeconds, options.TotalTimeoutSeconds,
             options.MaxRetries, options.RetryBaseDelayMilliseconds, options.MaxRetryDelaySeconds, options.SyncHourUtc));
    }

    [Fact]
    public async Task No_retries_is_a_valid_setting()
    {
        _harness.Server.Enqueue(FakeResponse.Error(500, "boom"));

        var error = await Assert.ThrowsAsync<PapersApiException>(() => _harness.Client(("MaxRetries", "0")).FetchDayAsync(new DateOnly(2025, 10, 2)));

        Assert.EndsWith("with 500 Internal Server Error: boom", error.Message, StringComparison.Ordinal);
        Assert.Single(_harness.Server.Requests);
    }

    [Fact]
    public async Task A_base_url_with_a_path_prefix_keeps_it()
    {
        // The fake serves the API at its root only, so the prefixed path is a 404; the request path is what matters.
        var error = await Assert.ThrowsAsync<PapersApiException>(() =>
            _harness.Client(("ApiBaseUrl", _harness.Server.BaseUrl + "mirror/hf")).FetchDayAsync(new DateOnly(2025, 10, 2)));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("/mirror/hf/api/daily_papers", Assert.Single(_harness.Server.Requests).Path);
    }
}
