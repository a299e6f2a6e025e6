using System.Diagnostics;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Scopes;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// Overlays on running outputs: a wipe against the clean feed shows, on its side, exactly what an output with
/// the clean view shows, and the graded output's picture on the other; a change of overlays sent on the bus
/// lands whole at a frame boundary (no frame is ever half switched).
/// </summary>
public class LiveOverlaysTests
{
    // Bars as a Rec.709 camera with a strong grade, so graded and clean differ everywhere but in black.
    private const string Show = """
        {
          "size": "320x180", "rate": "50", "renderer": "cpu",
          "inputs": [ { "name": "BARS", "source": "bars", "camera": "rec709",
                        "cdl": { "slope": [1.3, 1.0, 0.8], "offset": [0.02, 0, -0.01], "power": [1, 1, 1.1], "sat": 0.6 } } ],
          "outputs": [
            { "name": "GRADED", "route": "BARS", "display": "rec1886" },
            { "name": "CLEAN", "route": "BARS", "view": "clean", "display": "rec1886" },
            { "name": "WIPE", "route": "BARS", "display": "rec1886", "overlays": { "compare": { "mode": "wipe", "position": 0.4, "angle": 30 } } },
            { "name": "LIVE", "route": "BARS", "display": "rec1886" }
          ]
        }
        """;

    private const int W = 320, H = 180;

    private static float[] WaitFor(OutputRunner output, Func<float[], bool> ok, string what)
    {
        var sw = Stopwatch.StartNew();
        float[]? last = null;
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            last = output.Snapshot();
            if (last is { } px && ok(px)) return px;
            Thread.Sleep(5);
        }
        Assert.Fail($"output {output.Name} never showed {what} ({(last is null ? "no picture" : "a different picture")})");
        return [];
    }

    private static float[] Composite(CompareState s, float[] graded, float[] clean)
    {
        var expected = new float[graded.Length];
        new CompareCpuRenderer(OutputCompare.ParamsFor(s, W, H)).Apply(graded, clean, expected, W, H);
        return expected;
    }

    [Fact]
    public void A_wipe_shows_the_clean_outputs_pixels_on_its_side_and_the_graded_ones_on_the_other()
    {
        var show = ShowFile.Parse(Show);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var graded = WaitFor(engine.OutputRunners[0], _ => true, "a picture");
        var clean = WaitFor(engine.OutputRunners[1], _ => true, "a picture");
        Assert.NotEqual(graded, clean);
        var expected = Composite(new CompareState(CompareMode.Wipe, 0.4, 30), graded, clean);
        WaitFor(engine.OutputRunners[2], px => px.AsSpan().SequenceEqual(expected), "the wipe of the graded and the clean outputs' pictures");
    }

    [Fact]
    public void Overlays_sent_on_the_bus_switch_whole_at_a_frame_boundary()
    {
        var show = ShowFile.Parse(Show);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var live = engine.OutputRunners[3];
        var graded = WaitFor(engine.OutputRunners[0], _ => true, "a picture");
        var clean = WaitFor(engine.OutputRunners[1], _ => true, "a picture");
        WaitFor(live, px => px.AsSpan().SequenceEqual(graded), "the graded picture");

        // The clean look bakes the first time a compare asks for it (the output shows its own view meanwhile):
        // bake it once, and go back to no overlays.
        var split = new CompareState(CompareMode.Split, 0.5, 0);
        Assert.True(bus.Submit(new SetOverlays("LIVE", Compare: new CompareDefinition { Mode = "split" }), "test").Accepted);
        WaitFor(live, px => px.AsSpan().SequenceEqual(Composite(split, graded, clean)), "the split");
        Assert.True(bus.Submit(new SetOverlays("LIVE", Compare: new CompareDefinition { Mode = "off" }), "test").Accepted);
        WaitFor(live, px => px.AsSpan().SequenceEqual(graded), "the graded picture again");

        // One command: a wipe, a vectorscope in the bottom-right corner and a histogram top-left. The scopes count
        // the graded picture; the insets lie over the composite.
        var wipe = new CompareState(CompareMode.Wipe, 0.6, -20);
        var after = Composite(wipe, graded, clean);
        foreach (var (corner, type) in new[] { (3, InsetScope.Vectorscope), (0, InsetScope.Histogram) })
        {
            var inset = new ScopeInset(type, corner, YCbCrMatrix.Rec709, ScopeSignal.Sdr, W, H);
            Assert.True(inset.Fits);
            var picture = OutputOverlaysTests.ReferenceInset(inset, graded, W, H, YCbCrMatrix.Rec709);
            for (int row = 0; row < inset.Height; row++) Array.Copy(picture, row * inset.Width * 4, after, ((inset.Y + row) * W + inset.X) * 4, inset.Width * 4);
        }
        Assert.True(bus.Submit(new SetOverlays("LIVE",
            Scopes: new ScopeCornersDefinition { BottomRight = "vectorscope", TopLeft = "histogram" },
            Compare: new CompareDefinition { Mode = "wipe", Position = 0.6, Angle = -20 }), "test").Accepted);
        // Every picture the output hands over is the one before or the one after, never a mix.
        var sw = Stopwatch.StartNew();
        int afterSeen = 0, pictures = 0;
        while (afterSeen < 20 && sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            var px = live.Snapshot()!;
            pictures++;
            if (px.AsSpan().SequenceEqual(after)) afterSeen++;
            else Assert.True(px.AsSpan().SequenceEqual(graded), $"picture {pictures} is neither the one before nor the one after the change");
            Thread.Sleep(2);
        }
        Assert.Equal(20, afterSeen);
    }
}
