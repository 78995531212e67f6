using Microsoft.Extensions.Hosting;
using PaperBot.Bot.Discord.Protocol.Gateway;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// The bot's presence: "Listening to /ask", and the length of the waiting line while it is busy. Checked every
/// 15 s and sent only when it changed, well under Discord's 5 presence updates a minute.
/// </summary>
public sealed class PresenceUpdater(GatewayClient gateway, RequestQueue queue, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(15);

    /// <summary>The activity text for <paramref name="waiting"/> requests in line.</summary>
    public static string Activity(int waiting) => waiting > 0 ? $"/ask · {waiting} waiting" : "/ask";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shown = Activity(0);
        await gateway.SetActivityAsync(shown, stoppingToken);
        using var timer = new PeriodicTimer(Refresh, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var activity = Activity(queue.Waiting);
                if (activity != shown)
                {
                    await gateway.SetActivityAsync(activity, stoppingToken);
                    shown = activity;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
