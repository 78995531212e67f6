using System.Runtime.InteropServices;

namespace PaperBot.Bench.Commands;

/// <summary>
/// The CPU time (user + system) of the child processes this process has waited for, from getrusage(RUSAGE_CHILDREN):
/// read before and after a child runs, the difference is that child's CPU, whatever threads it used.
/// </summary>
internal static partial class ChildUsage
{
    private const int RusageChildren = -1;

    public static TimeSpan Cpu()
    {
        if (!OperatingSystem.IsLinux() || GetRusage(RusageChildren, out var usage) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1_000_000.0 + usage.UserMicroseconds + usage.SystemMicroseconds);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;

        // The 14 counters that follow (maxrss, faults, switches, ...), not read here.
        public long Rest0, Rest1, Rest2, Rest3, Rest4, Rest5, Rest6, Rest7, Rest8, Rest9, Rest10, Rest11, Rest12, Rest13;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);
}
