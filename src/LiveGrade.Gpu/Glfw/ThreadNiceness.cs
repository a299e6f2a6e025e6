using System.Runtime.InteropServices;

namespace LiveGrade.Gpu.Glfw;

/// <summary>
/// Lowers the CPU priority (raises the nice value) of one of this process's threads, for work that must yield
/// to the live outputs: a software GL driver's rasteriser threads (Mesa llvmpipe starts them, named
/// "llvmpipe-N", when a context is created) drawing the panel. On Linux each thread has its own nice value; a
/// process may raise its own threads' nice values without privileges but never lower them again. Threads a
/// lowered thread creates inherit its value, which is why only threads that run no .NET work are lowered: a
/// .NET thread-pool worker started from a lowered thread would carry the lower priority into outputs' bakes and
/// the control API. .NET's Thread.Priority does nothing on Linux, hence setpriority on the thread id.
/// </summary>
public static class ThreadNiceness
{
    /// <summary>The ids of this process's threads whose name starts with <paramref name="namePrefix"/> (all with ""), from /proc.</summary>
    public static IReadOnlyList<int> ThreadIds(string namePrefix = "")
    {
        var ids = new List<int>();
        if (!OperatingSystem.IsLinux()) return ids;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int tid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).StartsWith(namePrefix, StringComparison.Ordinal)) ids.Add(tid);
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }
        return ids;
    }

    /// <summary>The thread's nice value (-20..19), or null when it cannot be read (gone, or not Linux).</summary>
    public static int? Nice(int tid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/self/task/{tid}/stat");
            // The fields after the name (in parentheses, and it may hold spaces): state is field 3, nice field 19.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Raises thread <paramref name="tid"/>'s nice value to at least <paramref name="nice"/> (1..19; a thread already
    /// nicer is left as it is); false, with why, when the system refuses.
    /// </summary>
    public static bool Lower(int tid, int nice, out string? why)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        why = null;
        if (!OperatingSystem.IsLinux())
        {
            why = "per-thread priorities are set on Linux only";
            return false;
        }
        if (Nice(tid) is { } current && current >= nice) return true;
        try
        {
            if (LibC.setpriority(LibC.PrioProcess, (uint)tid, nice) == 0) return true;
            why = $"setpriority: {Marshal.GetLastPInvokeErrorMessage()}";
        }
        catch (EntryPointNotFoundException e)
        {
            why = e.Message;
        }
        return false;
    }
}
