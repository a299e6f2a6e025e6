using System.Diagnostics;

namespace LiveGrade.Engine.Tests.Library;

/// <summary>
/// A small tmpfs mounted for one test: a real file system that fills up (ENOSPC) and can be remounted read-only
/// (EROFS), which is how a full or failed disk looks to SQLite. Mounting needs root (CAP_SYS_ADMIN).
/// </summary>
public sealed class Tmpfs : IDisposable
{
    public Tmpfs(int kilobytes)
    {
        Path = Directory.CreateTempSubdirectory("livegrade-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", Path);
    }

    public string Path { get; }

    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void RemountReadWrite() => Run("mount", "-o", "remount,rw", Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    /// <summary>Null when a tmpfs can be mounted here, else why not (for the test's skip reason).</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs is Linux only";
        }
        if (Environment.UserName != "root")
        {
            return "mounting a tmpfs to fill a disk needs root (run the suite as root, as CI does)";
        }
        try
        {
            using var probe = new Tmpfs(64);
            return null;
        }
        catch (Exception e)
        {
            return $"cannot mount a tmpfs here ({e.Message})";
        }
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {err.Trim()}");
        }
    }
}

/// <summary>A fact that runs only where a tmpfs can be mounted; elsewhere it is skipped with the reason.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_why = new(Tmpfs.WhyUnavailable);

    public TmpfsFactAttribute()
    {
        if (s_why.Value is { } why)
        {
            Skip = why;
        }
    }
}
