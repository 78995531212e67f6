using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperBot.Rag.Index;
using PaperBot.Rag.Llm;
using PaperBot.Rag.Watches;

namespace PaperBot.Bot.Discord.Bot;

public static class DiscordBotServiceCollectionExtensions
{
    /// <summary>
    /// The Discord bot: the protocol layer (<see cref="DiscordServiceCollectionExtensions.AddDiscordProtocol"/>),
    /// the request queue with one worker per parallel sequence of the model (Llm:Parallel, or the model servers'
    /// summed Parallel with Llm:Provider openai), the handlers, the
    /// dispatcher and the daily digest. Needs the answering services (AddPaperBotRag) registered too.
    /// </summary>
    public static IServiceCollection AddPaperBotDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        // Started before the gateway's service, so that the first Identify already carries the bot's presence (started
        // after it, a quick connection identified without one now and then).
        services.AddHostedService<PresenceUpdater>();
        services.AddDiscordProtocol(configuration);
        // One worker per request the model takes at once; with servers, a worker waits while those that are up are full.
        services.AddSingleton(sp => RequestQueueOptions.From(sp.GetRequiredService<IOptions<DiscordOptions>>().Value, sp.GetRequiredService<ModelSetup>().Capacity));
        services.AddSingleton<RequestQueue>();
        services.AddSingleton<InFlightWork>();
        services.AddSingleton<BotThreads>();
        services.AddSingleton<BotAccess>();
        services.AddSingleton<ChannelPermissions>();
        services.AddSingleton<ChannelBlocks>();
        services.AddSingleton<AnswerScheduler>();
        services.AddSingleton<AnswerPresenter>();
        services.AddSingleton<ConversationHistory>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<BotAnswers>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<MentionHandler>();
        services.AddPaperBotWatches();
        services.AddSingleton<WatchAlertSender>();
        services.AddSingleton<WatchInteractions>();
        services.AddSingleton<WatchReactionHandler>();
        services.AddSingleton<ServerSettingsStore>();
        services.AddSingleton<ConfigInteractions>();

        // Registered after the gateway's service, so it stops first: answers end while the gateway is still open.
        services.AddHostedService<DiscordBotService>();
        services.AddHostedService<DailyDigestService>();
        // Also resolvable by itself, so a test can run its check at a given minute.
        services.AddSingleton<ServerScheduleService>();
        services.AddHostedService(sp => sp.GetRequiredService<ServerScheduleService>());
        return services;
    }
}
