using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperBot.Bot.Discord;
using PaperBot.Bot.Discord.Protocol;
using PaperBot.Bot.Discord.Protocol.Gateway;
using PaperBot.Bot.Discord.Protocol.Rest;
using PaperBot.TestSupport;
using PaperBot.TestSupport.Discord;
using PaperBot.TestSupport.Logging;

namespace PaperBot.BotTestSupport;

/// <summary>
/// The bot's Discord clients wired to a <see cref="FakeDiscordServer"/> with millisecond timings; collects every
/// dispatch and log line. Start the gateway with <see cref="StartGateway"/>.
/// </summary>
public sealed class DiscordHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<GatewayDispatch> _dispatches = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly HttpClient _http = new();
    private Task _consumer = Task.CompletedTask;
    private long _nextInteraction;

    private DiscordHarness(FakeDiscordServer server, DiscordOptions options, GatewayTimings timings)
    {
        Server = server;
        Options = options;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Rest = new DiscordRestClient(
            _http, Microsoft.Extensions.Options.Options.Create(options), FastRestTimings, TimeProvider.System, _loggerFactory.CreateLogger<DiscordRestClient>());
        IdentifyGate = new IdentifyGate(TimeProvider.System, timings);
        Gateway = new GatewayClient(
            Microsoft.Extensions.Options.Options.Create(options), Rest, timings, IdentifyGate, TimeProvider.System, _loggerFactory.CreateLogger<GatewayClient>());
    }

    public static DiscordRestTimings FastRestTimings { get; } = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(3),
    };

    public static GatewayTimings FastGatewayTimings { get; } = new()
    {
        ReadyTimeout = TimeSpan.FromSeconds(3),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        InvalidSessionMinDelay = TimeSpan.FromMilliseconds(10),
        InvalidSessionMaxDelay = TimeSpan.FromMilliseconds(30),
        IdentifyWindow = TimeSpan.FromMilliseconds(10),
        CloseTimeout = TimeSpan.FromSeconds(1),
    };

    public FakeDiscordServer Server { get; }

    public DiscordOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public DiscordRestClient Rest { get; }

    public GatewayClient Gateway { get; }

    public IdentifyGate IdentifyGate { get; }

    /// <summary>The gateway's RunAsync task once started.</summary>
    public Task Run { get; private set; } = Task.CompletedTask;

    public IReadOnlyList<GatewayDispatch> Dispatches => [.. _dispatches];

    /// <summary>Registers an interaction created now with the fake (as if the gateway had sent it); returns its id.</summary>
    public ulong NewInteraction(string token, ulong channelId = 300)
    {
        var id = Snowflake.FromTime(DateTimeOffset.UtcNow) + (ulong)Interlocked.Increment(ref _nextInteraction);
        Server.Rest.Interactions.Add(id, token, channelId);
        return id;
    }

    public static async Task<DiscordHarness> CreateAsync(Action<DiscordOptions>? configure = null, GatewayTimings? timings = null)
    {
        var server = await FakeDiscordServer.StartAsync();
        var options = new DiscordOptions
        {
            Token = server.Gateway.Token,
            ApplicationId = FakePayloads.ApplicationId,
            ApiBaseUrl = server.ApiBaseUrl,
            // Every feature on, so the fake delivers every event the tests inject.
            EnableMentions = true,
            EnableDirectMessages = true,
        };
        configure?.Invoke(options);
        return new DiscordHarness(server, options, timings ?? FastGatewayTimings);
    }

    /// <summary>Runs the gateway client and a consumer that collects its dispatches.</summary>
    public void StartGateway()
    {
        Run = Task.Run(() => Gateway.RunAsync(_stop.Token));
        _consumer = Task.Run(async () =>
        {
            try
            {
                await foreach (var dispatch in Gateway.Dispatches.ReadAllAsync())
                {
                    _dispatches.Enqueue(dispatch);
                }
            }
            catch (DiscordFatalException)
            {
                // The channel completes with the fatal error; Run carries it too.
            }
        });
    }

    public Task WaitForDispatchAsync(string eventName, int count = 1, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Dispatches.Count(d => d.EventName == eventName) >= count, timeout, $"{count} × {eventName}");

    /// <summary>Cancels the gateway (a 1000 close) and waits for it to finish.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(5)));
        await Task.WhenAny(_consumer, Task.Delay(TimeSpan.FromSeconds(1)));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Server.DisposeAsync();
        _stop.Dispose();
        _http.Dispose();
        _loggerFactory.Dispose();
    }
}
