using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PaperBot.Rag;

namespace PaperBot.Bot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat's options ("Console"). The answers themselves carry their speed (<c>AnswerResult.Usage</c>).</summary>
    public static IServiceCollection AddPaperBotChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleChatOptions>().BindSection(configuration, ConsoleChatOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsoleChatOptions>, ConsoleChatOptionsValidator>());
        return services;
    }
}
