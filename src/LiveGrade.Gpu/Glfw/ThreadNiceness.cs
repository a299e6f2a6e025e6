using System.Runtime.InteropServices;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// Lowers the CPU priority (raises the nice value) of the calling thread, for work that must yield to the live
/// outputs: the panel's threads. On Linux each thread has its own nice value and threads it creates inherit it, so
/// a software GL driver's rasteriser threads (Mesa llvmpipe makes them with each context) run at the priority of
/// the thread that created the context. A thread can only lower its own priority without privileges, never raise
/// it back. .NET's Thread.Priority has no effect on Linux, hence setpriority on the thread id.
/// </summary>
public static class ThreadNiceness
{
    /// <summary>Sets the calling thread's nice value to <paramref name="nice"/> (1..19); false (and why) when the system refuses.</summary>
    public static bool LowerCurrentThread(int nice, out string? why)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        why = null;
        if (!OperatingSystem.IsLinux())
        {
            why = "per-thread priorities are set on Linux only";
            return false;
        }
        try
        {
            if (LibC.setpriority(LibC.PrioProcess, (uint)LibC.gettid(), nice) == 0) return true;
            why = $"setpriority: {Marshal.GetLastPInvokeErrorMessage()}";
        }
        catch (EntryPointNotFoundException e)
        {
            why = e.Message;
        }
        return false;
    }
}
