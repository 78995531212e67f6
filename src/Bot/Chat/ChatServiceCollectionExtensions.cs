using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PaperBot.Bot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat's options ("Console"). The answers themselves carry their speed (<c>AnswerResult.Usage</c>).</summary>
    public static IServiceCollection AddPaperBotChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleChatOptions>().Bind(configuration.GetSection(ConsoleChatOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
