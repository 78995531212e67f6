using Microsoft.Extensions.Hosting;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Hosts the gateway connection for the `discord` command. Stopping the host closes the connection with 1000;
/// a fatal refusal (bad token, disallowed intent) stops the host, since the bot cannot work without it.
/// </summary>
public sealed class DiscordGatewayService(GatewayClient gateway, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gateway.RunAsync(stoppingToken);
        }
        catch (DiscordFatalException)
        {
            // GatewayClient has logged what to fix; ending the process beats running deaf.
            Environment.ExitCode = 3;
            lifetime.StopApplication();
        }
    }
}
