using System.Runtime.InteropServices;

namespace PaperBot.Bot.Cli;

/// <summary>
/// Remembers whether SIGINT or SIGTERM arrived, so that a cancelled command exits 130 or 143 as shells expect.
/// It only listens: System.CommandLine's own handler cancels the command.
/// </summary>
public sealed class TerminationSignal : IDisposable
{
    private readonly PosixSignalRegistration _terminate;
    private volatile bool _terminated;

    private TerminationSignal()
    {
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => _terminated = true);
    }

    /// <summary>The exit code of a command cancelled by the signal received: 143 for SIGTERM, else 130.</summary>
    public int ExitCode => _terminated ? ExitCodes.Terminated : ExitCodes.Cancelled;

    public static TerminationSignal Listen() => new();

    public void Dispose() => _terminate.Dispose();
}
