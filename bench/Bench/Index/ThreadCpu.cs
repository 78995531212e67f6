using System.Runtime.InteropServices;

namespace PaperBot.Bench;

/// <summary>
/// The CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID), nanoseconds): on a shared machine
/// a query's wall time includes waiting for a core, its CPU time only the work, so ratios of it stay readable
/// under load. 0 where the clock is not there.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static double Milliseconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);
}
