using System.Globalization;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// Dates a saved page gives without a year ("Nov 11") and dates given on the command line never put papers after
/// today: a fresh clone's default day is the sample corpus's latest real day, whatever the files' modification
/// times, and a future --as-of, --featured-on or sync --date is a usage error.
/// </summary>
public sealed class PageDateTests : IDisposable
{
    private static readonly DateTime CloneDate = new(2026, 11, 12, 9, 0, 0, DateTimeKind.Utc);
    private readonly PaperBotProcess _bot = new();

    public void Dispose() => _bot.Dispose();

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_fresh_clone_shows_the_sample_corpus_latest_real_day_whatever_the_files_modification_time()
    {
        // A clone's files are as new as the clone: the pages' "Nov 11" must not become the clone's November.
        var seed = Directory.CreateDirectory(Path.Combine(_bot.Workspace, "seed")).FullName;
        foreach (var file in Directory.GetFiles(TestPaths.SeedDirectory))
        {
            var copy = Path.Combine(seed, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetLastWriteTimeUtc(copy, CloneDate);
        }

        _bot.Environment["PAPERBOT_Data__SeedDirectory"] = seed;

        var papers = await _bot.RunAsync("papers", "--json");

        Assert.True(papers.ExitCode == 0, papers.ToString());
        Assert.Equal("2026-03-23", papers.Json.GetProperty("day").GetString());
        Assert.Equal(19, papers.Json.GetProperty("count").GetInt32());
        var stats = await _bot.RunAsync("stats", "--json");
        Assert.Equal("2026-03-23", stats.Json.GetProperty("last_day").GetString());
        Assert.Equal(791, stats.Json.GetProperty("papers").GetInt64());
    }

    [Fact]
    public async Task A_page_whose_modification_time_is_in_the_future_gets_no_day_after_today()
    {
        var page = Path.Combine(_bot.Workspace, "saved-page.txt");
        File.Copy(Path.Combine(TestPaths.SeedDirectory, "000_fa3845e3e36f2e0c.txt"), page);
        File.SetLastWriteTimeUtc(page, new DateTime(2099, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        var ingest = await _bot.RunAsync("ingest", page);
        var stats = await _bot.RunAsync("stats", "--json");

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var last = stats.Json.GetProperty("last_day").GetString()!;
        Assert.True(string.CompareOrdinal(last, Today) <= 0, $"latest day {last} is after today {Today}");
    }

    [Theory]
    [InlineData("--as-of")]
    [InlineData("--featured-on")]
    public async Task Ingest_refuses_a_day_after_today_and_writes_nothing(string option)
    {
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var result = await _bot.RunAsync("ingest", Path.Combine(TestPaths.SeedDirectory, "000_fa3845e3e36f2e0c.txt"), option, future);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"error: {option} {future} is in the future (today is {Today} UTC)", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
        Assert.False(File.Exists(_bot.DatabasePath) && new FileInfo(_bot.DatabasePath).Length > 0 && await PapersInIndex() > 0, "the refused ingest wrote papers");
    }

    [Fact]
    public async Task Sync_refuses_a_date_after_today_without_asking_the_api()
    {
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Nothing listens there: an attempted fetch would be a network error (exit 3), not a usage error.
        _bot.Environment["PAPERBOT_Papers__ApiBaseUrl"] = "http://127.0.0.1:9";
        var result = await _bot.RunAsync("sync", "--date", future);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"error: --date {future} is in the future (today is {Today} UTC)", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("Fetching", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<long> PapersInIndex()
    {
        // Without the sample corpus, so that stats reports what the refused ingest left and fills nothing itself.
        _bot.Environment["PAPERBOT_Data__SeedDirectory"] = Path.Combine(_bot.Workspace, "no-seed");
        var stats = await _bot.RunAsync("stats", "--json");
        return stats.Json.GetProperty("papers").GetInt64();
    }
}
