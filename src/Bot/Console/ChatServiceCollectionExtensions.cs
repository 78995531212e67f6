using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PaperBot.Bot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat's options ("Console"), and the registered chat model, if any, wrapped so that the chat can show
    /// the last answer's speed. Call after the model is registered.
    /// </summary>
    public static IServiceCollection AddPaperBotChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleChatOptions>().Bind(configuration.GetSection(ConsoleChatOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var model = services.LastOrDefault(d => d.ServiceType == typeof(IChatClient) && !d.IsKeyedService);
        if (model is not null)
        {
            services.Remove(model);
            services.AddSingleton<IChatClient>(sp => new SpeedRecordingChatClient(Create(model, sp)));
        }

        return services;
    }

    private static IChatClient Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IChatClient)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
