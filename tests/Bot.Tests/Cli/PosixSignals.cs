using System.Runtime.InteropServices;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>Sends a signal to a child process, as a terminal's Ctrl+C (SIGINT) or a service manager (SIGTERM) would.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static partial class PosixSignals
{
    public const int Interrupt = 2;

    public const int Terminate = 15;

    /// <returns>0 when the signal was sent.</returns>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Send(int pid, int signal);
}
