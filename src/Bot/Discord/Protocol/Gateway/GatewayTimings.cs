namespace PaperBot.Bot.Discord.Protocol.Gateway;

/// <summary>The gateway's waits, injectable so tests run in milliseconds.</summary>
public sealed class GatewayTimings
{
    /// <summary>No READY/RESUMED within this long after connecting means reconnect.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait before identifying after op 9 with d=false; Discord's older docs asked for a random 1–5 s.</summary>
    public TimeSpan InvalidSessionMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan InvalidSessionMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>max_concurrency identifies are allowed per this window.</summary>
    public TimeSpan IdentifyWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the close handshake before dropping the socket.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Uniform random in [0, 1): heartbeat start jitter, backoff jitter, invalid-session wait.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
