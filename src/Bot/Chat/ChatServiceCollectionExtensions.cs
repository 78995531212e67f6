using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperBot.Rag;

namespace PaperBot.Bot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat's options ("Console"). The answers themselves carry their speed (<c>AnswerResult.Usage</c>).</summary>
    public static IServiceCollection AddPaperBotChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleChatOptions>().BindValidatedSection(configuration, ConsoleChatOptions.Section, new ConsoleChatOptionsValidator());
        return services;
    }
}
