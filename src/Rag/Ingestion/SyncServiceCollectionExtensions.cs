using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Ingestion;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PapersOptions"/> (section "Papers", validated on start) and the typed
    /// <see cref="DailyPapersClient"/> with its resilience pipeline.
    /// </summary>
    public static IServiceCollection AddPaperBotSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PapersOptions>()
            .BindValidatedSection(configuration, PapersOptions.SectionName, new PapersOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<DailyPapersClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<PapersOptions>>().Value;
                http.BaseAddress = options.BaseUri;
                // The pipeline's own total timeout governs the request; this one also bounds reading the body,
                // which happens after the pipeline has returned.
                http.Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
                http.DefaultRequestHeaders.UserAgent.ParseAdd("PaperBot/1.0");
            })
            // The token travels in Authorization; keep it out of HttpClient's request logs whatever the log level.
            .RedactLoggedHeaders(["Authorization"])
            .AddResilienceHandler(PapersResilience.PipelineName, PapersResilience.Configure);
        services.TryAddSingleton<PaperSync>();
        return services;
    }
}
