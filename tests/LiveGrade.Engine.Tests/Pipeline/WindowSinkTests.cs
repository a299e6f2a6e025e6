using System.Diagnostics;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Gpu.Glfw;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// An output on a monitor window (GLFW under a private Xvfb, Mesa's GL): the window shows the output's picture,
/// the output is never held back by it, and closing the engine closes the window. Skipped, saying why, without Xvfb.
/// </summary>
[Trait("Category", "Gpu")]
public sealed class WindowSinkTests(ITestOutputHelper log) : IDisposable
{
    private const string XvfbBinary = LiveGrade.Gpu.Tests.Glfw.XvfbServer.Binary;
    private LiveGrade.Gpu.Tests.Glfw.XvfbServer? _xvfb;

    private string StartXvfb()
    {
        _xvfb = LiveGrade.Gpu.Tests.Glfw.XvfbServer.WithoutGlfw();
        return _xvfb.Display;
    }

    [Fact]
    public void An_output_on_a_window_shows_its_picture_there()
    {
        if (!File.Exists(XvfbBinary))
        {
            log.WriteLine($"skipped: no {XvfbBinary} (Debian package xvfb)");
            return;
        }
        GlfwSystem.Initialize(StartXvfb());
        var show = ShowFile.Parse("""
            {
              "size": "192x108", "rate": "25", "renderer": "cpu",
              "inputs": [ { "name": "BARS", "source": "bars", "camera": "rec709" } ],
              "outputs": [ { "name": "MONITOR", "route": "BARS", "display": "rec1886", "sink": "window" } ]
            }
            """);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var output = engine.OutputRunners[0];
        var sink = Assert.IsType<WindowSink>(output.Sink);
        Assert.Null(sink.LastError);
        var sw = Stopwatch.StartNew();
        while (sink.Drawn < 10 && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
        Assert.True(sink.Drawn >= 10, $"the window drew {sink.Drawn} frames");

        // Bars are still: the window's pixels are the output's picture in 8 bits (same size: no scaling).
        var picture = output.Snapshot()!;
        var shot = sink.Screenshot()!;
        Assert.Equal(192 * 108 * 4, shot.Length);
        int worst = 0;
        for (int i = 0; i < shot.Length; i++)
        {
            if (i % 4 == 3) continue;
            int expected = (int)Math.Round(Math.Clamp(picture[i], 0f, 1f) * 255f);
            worst = Math.Max(worst, Math.Abs(shot[i] - expected));
        }
        log.WriteLine($"window vs output picture: {worst} codes of 255 at most; drawn {sink.Drawn}, output counters {output.Counters.Snapshot()}");
        Assert.True(worst <= 1, $"the window's picture is {worst} codes off the output's");
        Assert.Equal(0, output.Counters.Snapshot().Dropped);
    }

    public void Dispose() => _xvfb?.Dispose();
}
