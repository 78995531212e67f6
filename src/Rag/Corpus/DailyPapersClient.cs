using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// Fetches Hugging Face Daily Papers listings page by page. Registered as a typed HttpClient whose handler
/// retries transient failures (see <see cref="PapersResilience"/>); what still fails becomes a
/// <see cref="PapersApiException"/>.
/// </summary>
public sealed partial class DailyPapersClient
{
    private readonly HttpClient _http;
    private readonly PapersOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DailyPapersClient> _logger;

    public DailyPapersClient(HttpClient http, IOptions<PapersOptions> options, TimeProvider time, ILogger<DailyPapersClient> logger)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The papers featured on one day.</summary>
    public Task<DailyPapersFetchResult> FetchDayAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        FetchAsync(DailyPapersPeriod.Day(day), cancellationToken);

    /// <summary>The papers of an ISO week, written like 2025-W40.</summary>
    /// <exception cref="ArgumentException">The week is not written yyyy-Www or does not exist.</exception>
    public Task<DailyPapersFetchResult> FetchWeekAsync(string isoWeek, CancellationToken cancellationToken = default) =>
        FetchAsync(DailyPapersPeriod.Week(isoWeek), cancellationToken);

    /// <summary>The papers of a month, written like 2025-10.</summary>
    /// <exception cref="ArgumentException">The month is not written yyyy-MM.</exception>
    public Task<DailyPapersFetchResult> FetchMonthAsync(string yearMonth, CancellationToken cancellationToken = default) =>
        FetchAsync(DailyPapersPeriod.Month(yearMonth), cancellationToken);

    /// <summary>Every page of a listing, requested until the API returns an empty page.</summary>
    /// <exception cref="PapersApiException">A page could not be fetched or read.</exception>
    public async Task<DailyPapersFetchResult> FetchAsync(DailyPapersPeriod period, CancellationToken cancellationToken = default)
    {
        var entries = new List<ParsedEntry>();
        var warnings = new List<ParseWarning>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var page = 0;
        byte[] previousBody = [];
        while (true)
        {
            var path = string.Create(
                CultureInfo.InvariantCulture,
                $"api/daily_papers?{period.Parameter}={Uri.EscapeDataString(period.Value)}&p={page}&limit={_options.PageSize}");
            var body = await GetAsync(path, cancellationToken);
            var parsed = ParsePage(path, body, period.FeaturedDay, out var items);
            page++;
            var added = 0;
            foreach (var entry in parsed.Entries)
            {
                if (seen.Add(entry.Paper.Id))
                {
                    entries.Add(entry);
                    added++;
                }
                else
                {
                    duplicates++;
                }
            }

            warnings.AddRange(parsed.Warnings);
            LogPage(path, items, added);

            // Only an empty page ends the listing: a page shorter than PageSize may just mean the API caps
            // limit below what we asked for, and stopping there would silently drop papers.
            if (items == 0)
            {
                break;
            }

            if (added == 0 && (parsed.Entries.Count > 0 || body.AsSpan().SequenceEqual(previousBody)))
            {
                // A server that ignores p repeats the first page forever; stop instead of looping.
                LogRepeatedPage(period.ToString(), page - 1);
                break;
            }

            previousBody = body;
        }

        LogFetched(period.ToString(), entries.Count, page, duplicates, warnings.Count);
        return new DailyPapersFetchResult(period, entries, warnings, page, duplicates);
    }

    private async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (!string.IsNullOrWhiteSpace(_options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token.Trim());
        }

        LogRequest(path);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw PapersApiErrors.FromResponse(response, body, path, _options, _time);
            }

            return body;
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw PapersApiErrors.Unreachable(path, _options, e);
        }
        catch (TimeoutRejectedException e)
        {
            throw PapersApiErrors.TimedOut(path, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout (the total timeout) fired while the body was still arriving.
            throw PapersApiErrors.TimedOut(path, e);
        }
    }

    private static ParseResult ParsePage(string path, byte[] body, DateOnly? day, out int items)
    {
        try
        {
            // The date a day listing was asked for is the featured day of items that do not state theirs.
            return DailyPapersJsonParser.Parse(path, body, day, out items);
        }
        catch (CorpusFormatException e)
        {
            throw PapersApiErrors.Malformed(path, e);
        }
    }
}
