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

/// <summary>A private Xvfb on a free display number, started by the tests and ended by its process id.</summary>
public sealed class XvfbServer : IDisposable
{
    public const string Binary = "/usr/bin/Xvfb";
    private readonly Process? _process;

    public XvfbServer()
    {
        if (!File.Exists(Binary))
        {
            return;
        }
        int n = Enumerable.Range(90, 100).First(i => !File.Exists($"/tmp/.X11-unix/X{i}") && !File.Exists($"/tmp/.X{i}-lock"));
        Display = $":{n}";
        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Display, "-screen", "0", "1280x720x24", "-nolisten", "tcp" })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var sw = Stopwatch.StartNew();
        while (!File.Exists($"/tmp/.X11-unix/X{n}") && sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }
        GlfwSystem.Initialize(Display);
    }

    public string Display { get; } = "";

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
    }
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
