using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord.Bot;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.Rag;

namespace PaperBot.Bot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord protocol layer: validated <see cref="DiscordOptions"/>, <see cref="DiscordRestClient"/>,
    /// <see cref="GatewayClient"/> and the hosted <see cref="DiscordGatewayService"/>. Consume events from
    /// <see cref="GatewayClient.Dispatches"/>.
    /// </summary>
    public static IServiceCollection AddDiscordProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().BindValidatedSection(configuration, DiscordOptions.SectionName, new DiscordOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayTimings>();
        services.TryAddSingleton<DiscordRestTimings>();
        services.TryAddSingleton<IdentifyGate>();

        // One long-lived client: the rate limiter's learned buckets live in it. Not IHttpClientFactory, whose
        // default logging writes request URLs, and interaction URLs hold tokens.
        services.TryAddSingleton(sp => new DiscordRestClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<DiscordRestTimings>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DiscordRestClient>>()));
        services.TryAddSingleton<GatewayClient>();
        services.AddHostedService<DiscordGatewayService>();
        return services;
    }
}
