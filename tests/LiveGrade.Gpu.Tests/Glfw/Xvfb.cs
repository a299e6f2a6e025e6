using System.Diagnostics;
using LiveGrade.Gpu.Glfw;

namespace LiveGrade.Gpu.Tests.Glfw;

// Shared with tests/LiveGrade.Interop.Tests (linked there for the ImGui shim's window tests).

/// <summary>Runs only where the Xvfb binary exists (Debian package xvfb, in LG_APT_TEST); says so otherwise.</summary>
public sealed class XvfbFactAttribute : FactAttribute
{
    public XvfbFactAttribute()
    {
        if (!File.Exists(XvfbServer.Binary))
        {
            Skip = $"no {XvfbServer.Binary}: install the Debian package xvfb to test GLFW windows without a display";
        }
    }
}

/// <summary>
/// A private Xvfb started by the tests. Xvfb picks a free display itself (-displayfd: it writes the number to our
/// stdout once it accepts connections; a lock left by a killed server is taken over, as Xvfb checks its process),
/// and is ended with SIGTERM so that it removes its lock and socket (a SIGKILL leaves them behind, and enough of
/// them once used up every display number a test scanned). Linked into the Interop, Engine and App test projects.
/// </summary>
public sealed class XvfbServer : IDisposable
{
    public const string Binary = "/usr/bin/Xvfb";
    private readonly Process? _process;

    /// <summary>Starts the server and points GLFW (process-wide) at it (the form xunit's fixtures use).</summary>
    public XvfbServer() : this(initializeGlfw: true, "1280x720x24")
    {
    }

    /// <summary>Starts a server without pointing GLFW at it: for another process (the app under xdotool), or a caller that does.</summary>
    public static XvfbServer WithoutGlfw(string screen = "1280x720x24") => new(initializeGlfw: false, screen);

    private XvfbServer(bool initializeGlfw, string screen)
    {
        if (!File.Exists(Binary))
        {
            return;
        }
        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp" })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        var errors = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (errors) errors.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();
        var line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(20)) || !int.TryParse(line.Result, out int n))
        {
            Dispose();
            lock (errors) throw new InvalidOperationException($"Xvfb reported no display within 20 s: {errors.ToString().Trim()}");
        }
        Display = $":{n}";
        if (initializeGlfw)
        {
            GlfwSystem.Initialize(Display);
        }
    }

    public string Display { get; } = "";

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _ = Kill(_process.Id, SigTerm);
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        _process?.Dispose();
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>A theory that runs only where the Xvfb binary exists, like <see cref="XvfbFactAttribute"/>.</summary>
public sealed class XvfbTheoryAttribute : TheoryAttribute
{
    public XvfbTheoryAttribute()
    {
        if (!File.Exists(XvfbServer.Binary))
        {
            Skip = $"no {XvfbServer.Binary}: install the Debian package xvfb to test GLFW windows without a display";
        }
    }
}
