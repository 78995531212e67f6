using Microsoft.Extensions.Logging;
using PaperBot.Bot.Discord.Protocol.Rest;

namespace PaperBot.Bot.Discord.Bot;

/// <summary>
/// Keeps "PaperBot is typing…" visible while an answer is prepared: Discord shows it for about 10 s per call, so
/// it is repeated every 8 s until disposed. Failures only cost the indicator, never the answer.
/// </summary>
public sealed partial class TypingIndicator : IAsyncDisposable
{
    public static readonly TimeSpan RepeatInterval = TimeSpan.FromSeconds(8);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TypingIndicator(DiscordRestClient rest, ulong channelId, TimeProvider timeProvider, ILogger logger) =>
        _loop = RunAsync(rest, channelId, timeProvider, logger, _stop.Token);

    public static TypingIndicator Start(DiscordRestClient rest, ulong channelId, TimeProvider timeProvider, ILogger logger) =>
        new(rest, channelId, timeProvider, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(DiscordRestClient rest, ulong channelId, TimeProvider timeProvider, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RepeatInterval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await rest.TriggerTypingAsync(channelId, stop);
                }
                catch (DiscordHttpException e) when (e.StatusCode == System.Net.HttpStatusCode.Forbidden)
                {
                    // Not allowed here: asking again every 8 s would only add invalid requests.
                    LogFailed(logger, channelId, e);
                    return;
                }
                catch (DiscordHttpException e)
                {
                    LogFailed(logger, channelId, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Typing indicator in channel {ChannelId} failed")]
    private static partial void LogFailed(ILogger logger, ulong channelId, Exception exception);
}
