using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// Sleeps for tens of microseconds, for packet pacing. <see cref="Thread.Sleep(int)"/> only knows
/// milliseconds; on Linux this calls <c>clock_nanosleep(CLOCK_MONOTONIC)</c> after lowering the calling
/// thread's timer slack (<c>prctl(PR_SET_TIMERSLACK)</c>, default 50 µs) to 1 µs, so a wake-up comes within
/// a few microseconds of the deadline on an idle core. Elsewhere it yields in a loop for waits under 2 ms.
/// </summary>
internal static partial class PreciseSleep
{
    private const int ClockMonotonic = 1;        // <linux/time.h>
    private const int PrSetTimerSlack = 29;      // <linux/prctl.h>

    [ThreadStatic]
    private static bool t_slackSet;

    /// <summary>Sleeps about <paramref name="ticks"/> <see cref="Stopwatch"/> ticks (returns at once for 0 or less).</summary>
    public static void Sleep(long ticks)
    {
        if (ticks <= 0)
        {
            return;
        }
        if (OperatingSystem.IsLinux())
        {
            if (!t_slackSet)
            {
                t_slackSet = true;
                _ = prctl(PrSetTimerSlack, 1000, 0, 0, 0); // ns; failure leaves the default slack
            }
            long ns = ticks * 1_000_000_000 / Stopwatch.Frequency;
            var request = new Timespec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
            _ = clock_nanosleep(ClockMonotonic, 0, in request, 0);
            return;
        }
        long until = Stopwatch.GetTimestamp() + ticks;
        if (ticks > Stopwatch.Frequency / 500)
        {
            Thread.Sleep((int)((ticks - Stopwatch.Frequency / 1000) * 1000 / Stopwatch.Frequency));
        }
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.Yield();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;       // time_t (64-bit on LP64 Linux)
        public long Nanoseconds;   // long
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    internal static partial int clock_nanosleep(int clock, int flags, in Timespec request, nint remaining);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int clock_gettime(int clock, out Timespec time);


    // prctl is variadic in C; on x86-64 and arm64 Linux integer arguments go in the same registers either way.
    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
}

/// <summary>
/// CPU time used by the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so that a
/// sender or receiver can report what its own thread costs, apart from the rest of the process. Zero where
/// the clock is not available.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3; // <linux/time.h>

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || PreciseSleep.clock_gettime(ClockThreadCpuTimeId, out var t) != 0)
        {
            return TimeSpan.Zero;
        }
        return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
    }
}
