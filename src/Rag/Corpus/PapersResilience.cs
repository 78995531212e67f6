using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace PaperBot.Rag.Corpus;

/// <summary>
/// The Hugging Face client's resilience pipeline: a total timeout around retries (exponential backoff with
/// jitter on 408, 429, 5xx, timeouts and connection errors, honouring Retry-After) around a per-attempt timeout.
/// Each retry is one short log line saying why.
/// </summary>
internal static partial class PapersResilience
{
    public const string PipelineName = "hf-papers";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<PapersOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<DailyPapersClient>();

        builder.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = maxDelay,
                // Read Retry-After here rather than through ShouldRetryAfterHeader: MaxDelay does not cap
                // generated delays, and a rate-limit window of minutes should fail fast, not stall the sync.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(RetryAfterHeader.DelayOf(args.Outcome.Result, time) > maxDelay)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.DelayOf(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.ReasonPhrase}";
                    LogRetry(logger, options.ApiBaseUrl, reason, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay.TotalSeconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The Hugging Face API at {BaseUrl} did not answer ({Reason}); retry {Attempt} of {MaxRetries} in {DelaySeconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, string baseUrl, string reason, int attempt, int maxRetries, double delaySeconds);
}
