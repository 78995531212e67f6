using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Tests.Discord;

public sealed class DiscordRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostApplicationLifetime, StubLifetime>();
        services.AddDiscordProtocol(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Valid_settings_bind_and_resolve_singletons()
    {
        using var provider = Build(new()
        {
            ["Discord:Token"] = "abc",
            ["Discord:ApplicationId"] = "123456789012345678",
            ["Discord:GuildIds:0"] = "42",
            ["Discord:EnableMentions"] = "true",
        });

        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;
        Assert.Equal(123456789012345678UL, options.ApplicationId);
        Assert.Equal([42UL], options.GuildIds);
        Assert.Equal("https://discord.com/api/v10", options.ApiBaseUrl);
        Assert.Equal(1000, options.StreamEditIntervalMs);
        Assert.Same(provider.GetRequiredService<DiscordRestClient>(), provider.GetRequiredService<DiscordRestClient>());
        Assert.NotNull(provider.GetRequiredService<GatewayClient>());
        Assert.Single(provider.GetServices<IHostedService>());
    }

    [Fact]
    public void Invalid_settings_fail_naming_the_keys()
    {
        using var provider = Build(new() { ["Discord:ShardId"] = "2", ["Discord:ShardCount"] = "2", ["Discord:StreamEditIntervalMs"] = "10" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);
        var message = string.Join("\n", error.Failures);
        Assert.Contains("Discord:Token", message, StringComparison.Ordinal);
        Assert.Contains("Discord:ApplicationId", message, StringComparison.Ordinal);
        Assert.Contains("Discord:ShardId", message, StringComparison.Ordinal);
        Assert.Contains("Discord:StreamEditIntervalMs", message, StringComparison.Ordinal);
    }

    private sealed class StubLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
