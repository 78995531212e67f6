using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PaperBot.Rag.Watches;

public static class WatchesServiceCollectionExtensions
{
    /// <summary>Registers the watches: their store, matching, the delivery ledger, feedback and the per-sync run (after the index and answering).</summary>
    public static IServiceCollection AddPaperBotWatches(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WatchStore>();
        services.TryAddSingleton<WatchMatcher>();
        services.TryAddSingleton<WatchLedger>();
        services.TryAddSingleton<WatchFeedback>();
        services.TryAddSingleton<WatchRun>();
        return services;
    }
}
