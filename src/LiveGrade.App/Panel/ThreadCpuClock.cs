using System.Runtime.InteropServices;

namespace LiveGrade.App.Panel;

/// <summary>
/// CPU time used by the calling thread (Linux CLOCK_THREAD_CPUTIME_ID through clock_gettime): what the panel
/// itself costs per frame, apart from the time it sleeps or waits for the display.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3; // <time.h> on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Nanoseconds of CPU this thread has used, or 0 where the clock is missing.</summary>
    public static long NowNanoseconds()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1_000_000_000L + t.Nanoseconds : 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }
}
