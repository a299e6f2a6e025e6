using System.Diagnostics;
using LiveGrade.Color.Processing;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Video.Sources;

namespace LiveGrade.Engine.Tests.Pipeline;

public class LiveEngineTests
{
    private const string TwoInputShow = """
        {
          "size": "64x36", "rate": "50", "noSignalTimeoutMs": 200,
          "inputs": [
            { "name": "BARS", "source": "bars", "camera": "rec709" },
            { "name": "CAM", "source": "synthetic:logc3", "cdl": { "slope": [1.1, 1, 0.9], "offset": [0, 0, 0], "power": [1, 1, 1], "sat": 1 } }
          ],
          "outputs": [
            { "name": "OUT", "route": "BARS", "display": "rec1886" },
            { "name": "MV", "display": "rec1886", "multiviewer": { "layout": "2x1", "tiles": [ { "input": "BARS" }, { "input": "CAM", "view": "clean" } ] } }
          ],
          "presets": [ { "name": "cam", "routes": { "OUT": "CAM" } } ]
        }
        """;

    private static (LiveEngine Engine, ControlBus Bus) Start(string json)
    {
        var show = ShowFile.Parse(json);
        var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        var engine = new LiveEngine(show, bus);
        engine.Start();
        return (engine, bus);
    }

    /// <summary>Polls until the output's picture satisfies <paramref name="ok"/> (frames arrive at 50 fps).</summary>
    private static float[] WaitFor(OutputRunner output, Func<float[], bool> ok, string what, float[]? expected = null)
    {
        var sw = Stopwatch.StartNew();
        float[]? last = null;
        while (sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            last = output.Snapshot();
            if (last is { } px && ok(px)) return px;
            Thread.Sleep(10);
        }
        var detail = last is null ? "no picture" : expected is null ? $"first pixel {last[0]} {last[1]} {last[2]}" : $"max difference {MaxDiff(last, expected):E2}";
        Assert.Fail($"output {output.Name} never showed {what} ({detail})");
        return [];
    }

    /// <summary>The exact (unbaked) chain applied to a picture: the reference the live output must match.</summary>
    private static float[] Reference(LiveEngine engine, int camera, string view, string display, int output, float[] input)
    {
        var ops = engine.BuildExactLook(new LookKey(camera, 0, view, display, output));
        var px = (float[])input.Clone();
        new CpuProcessor(ops).Apply(px);
        return px;
    }

    private static double MaxDiff(float[] a, float[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (i % 4 != 3) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }
        return max;
    }

    // The live CPU path applies the whole chain as a 33³ tetrahedral LUT (what a LUT box does). Against
    // the exact chain, on saturated display-referred bars pushed through the inverse display, a CDL and
    // the ACES output transform, the bake is off by up to 1.2% of the display signal (12 10-bit codes, at
    // the edges of the gamut where the ACES tone scale bends hardest; printed by the tests). The GPU path
    // evaluates the chain exactly; this tolerance is the CPU fallback's stated cost.
    private const double BakeTolerance = 1.5e-2;

    [Fact]
    public void OutputShowsTheRoutedInputThroughItsLookAndFollowsARoute()
    {
        var (engine, bus) = Start(TwoInputShow);
        using var _ = engine;
        var bars = new float[64 * 36 * 4];
        TestPatterns.Bars(bars, 64, 36);
        var expectedBars = Reference(engine, 0, "graded", "rec1886", 0, bars);
        var output = engine.OutputRunners[0];
        var shown = WaitFor(output, px => MaxDiff(px, expectedBars) < BakeTolerance, "graded bars");
        Console.WriteLine($"bars through the baked look: max error {MaxDiff(shown, expectedBars):E2}");

        var result = bus.Submit(new Route("OUT", "CAM"), "test");
        Assert.True(result.Accepted, result.Error);
        // The camera tilts, so compare against its picture at the frame shown: same frame through the exact chain.
        WaitFor(output, px => MaxDiff(px, expectedBars) > 0.1, "the camera after the route");
        Assert.Equal("CAM", bus.State.Outputs[0].Route);
        // No frame lost at the output's hand-off across the switch (input frames it skipped under load are not the route's doing).
        var stats = engine.Outputs()[0];
        Assert.Equal(0, stats.Dropped - stats.Skipped);
    }

    [Fact]
    public void A_warm_up_rehearses_every_output_off_air_then_starts_them()
    {
        // With a warm-up budget, Start draws each output's picture at least WarmUpRenders times before any output
        // runs: at the moment the warm-up reports, no output has handed off or counted a frame (nothing shown,
        // nothing received, nothing skipped), then they go on air and show the routed input.
        var show = ShowFile.Parse(TwoInputShow);
        var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        LiveEngine? started = null;
        string? report = null;
        var atReport = new List<(long Received, long Skipped, bool Shown)>();
        using var engine = new LiveEngine(show, bus, line =>
        {
            if (!line.StartsWith("warm-up:", StringComparison.Ordinal)) return;
            report = line;
            foreach (var o in started!.OutputRunners) atReport.Add((o.Counters.Received, o.SkippedInputFrames, o.Snapshot() is not null));
        });
        started = engine;
        engine.Start(TimeSpan.FromSeconds(30));
        Assert.NotNull(report);
        Assert.Equal(engine.OutputRunners.Count, atReport.Count);
        Assert.All(atReport, a => Assert.Equal((0L, 0L, false), a));
        foreach (var output in engine.OutputRunners)
        {
            var renders = System.Text.RegularExpressions.Regex.Match(report!, $@"\b{output.Name} (\d+) renders");
            Assert.True(renders.Success, report);
            Assert.InRange(int.Parse(renders.Groups[1].Value), OutputRunner.WarmUpRenders, int.MaxValue);
        }
        foreach (var output in engine.OutputRunners) WaitFor(output, _ => true, "a picture after the warm-up");
    }

    [Fact]
    public void CdlChangeReachesTheOutputWithinFrames()
    {
        var (engine, bus) = Start(TwoInputShow);
        using var _ = engine;
        var output = engine.OutputRunners[0];
        var bars = new float[64 * 36 * 4];
        TestPatterns.Bars(bars, 64, 36);
        var cdl = new CdlValues(new(1.2, 1, 0.8), new(0.01, 0, -0.01), new(1, 1, 1), 0.9);
        Assert.True(bus.Submit(new SetCdl("BARS", cdl), "test").Accepted);
        var expected = Reference(engine, 0, "graded", "rec1886", 0, bars);
        var shown = WaitFor(output, px => MaxDiff(px, expected) < BakeTolerance, "the new CDL", expected);
        Console.WriteLine($"graded bars through the baked look: max error {MaxDiff(shown, expected):E2}");
        Assert.True(bus.Submit(new UndoCdl("BARS"), "test").Accepted);
        var undone = Reference(engine, 0, "graded", "rec1886", 0, bars);
        WaitFor(output, px => MaxDiff(px, undone) < BakeTolerance, "the undone CDL", undone);
        Assert.True(MaxDiff(expected, undone) > 0.02, "the CDL should change the picture");
    }

    [Fact]
    public void LostInputShowsTheSlateThenComesBackByItself()
    {
        var (engine, _) = Start(TwoInputShow);
        using var __ = engine;
        var output = engine.OutputRunners[0];
        var source = (ClockedSource)engine.Input("BARS").Source;
        WaitFor(output, px => px[0] != 0.12f, "a live picture");
        source.SignalLost = true;
        WaitFor(output, px => px[0] == 0.12f && px[1] == 0.12f, "the no-signal slate");
        Assert.Equal("no signal", engine.Inputs()[0].State);
        var repeatedDuringLoss = engine.Outputs()[0].Repeated;
        Assert.True(repeatedDuringLoss > 0, "slots without a new picture are counted");
        source.SignalLost = false;
        WaitFor(output, px => px[0] != 0.12f, "the picture again");
        Assert.Equal("live", engine.Inputs()[0].State);
    }

    [Fact]
    public void MultiviewerTilesEveryInputWithLabels()
    {
        var (engine, _) = Start(TwoInputShow);
        using var __ = engine;
        var mv = engine.OutputRunners[1];
        Assert.True(mv.IsMultiviewer);
        // Both tiles hold pictures (not the dark background) and the tally border of BARS is red: it is on OUT.
        static float Sum(float[] p, int x, int y) => p[(y * 64 + x) * 4] + p[(y * 64 + x) * 4 + 1] + p[(y * 64 + x) * 4 + 2];
        var px = WaitFor(mv, p => Sum(p, 16, 12) > 0.1f && Sum(p, 48, 12) > 0.1f, "both tiles");
        Assert.True(px[0] > 0.5f && px[1] < 0.1f, $"tally border should be red, was {px[0]} {px[1]} {px[2]}");
    }

    [Theory]
    [InlineData(64, 36)]   // tiles smaller than the inputs (the usual case)
    [InlineData(300, 170)] // tiles larger: each source pixel repeated
    public void MultiviewerTileIsTheScaledInputThroughTheTilesLook(int width, int height)
    {
        // The tiles are scaled and graded a row at a time, straight into the output picture: what a tile shows must
        // be exactly the whole input scaled (Scaler.Fit), then the tile's look over the whole scaled picture.
        var show = ShowFile.Parse(TwoInputShow);
        var (engine, bus) = Start(TwoInputShow);
        using var _ = engine;
        WaitFor(engine.OutputRunners[1], p => p.Any(v => v > 0.1f), "a multiviewer picture");
        var definition = show.Outputs[1].Multiviewer!;
        using var mv = new Multiviewer(definition, width, height);
        var looks = definition.Tiles.Select(_ => new CompiledLookCache(engine.BuildLook, engine.Report)).ToArray();
        var dst = new float[width * height * 4];
        mv.Render(engine, bus.State, 1, looks, dst, width, height);

        var (x, y, w, h) = mv.PictureArea(0); // BARS: a still picture, so the frame read here is the one drawn
        Assert.Equal((3, 3), (x, y));
        var bars = engine.Input("BARS").Acquire()!;
        var scaled = new float[w * h * 4];
        Scaler.Fit(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bars.Data), bars.Width, bars.Height, scaled, w, h);
        bars.Release();
        var camera = bus.State.Cameras[0];
        var look = looks[0].Get(new LookKey(0, camera.LookVersion, definition.Tiles[0].View, "rec1886", 1), waitIfNone: true)!;
        var expected = new float[w * h * 4];
        look.Apply(scaled, expected);
        for (int row = 0; row < h; row++)
        {
            var drawn = dst.AsSpan(((y + row) * width + x) * 4, w * 4);
            Assert.True(drawn.SequenceEqual(expected.AsSpan(row * w * 4, w * 4)), $"tile row {row} differs from the scaled, graded input");
        }
        Assert.Contains(expected, v => v > 0.5f); // bars, not black
        var (x1, _, w1, _) = mv.PictureArea(1);
        Assert.Equal(width / 2 + 3, x1);
        Assert.Equal(w, w1);
    }

    [Fact]
    public void MultiviewerRendersWithoutAllocating()
    {
        // The output thread's hot path: scaling, the tiles' looks, borders, labels with running timecode; and
        // the multiviewer's helper thread, which scales and grades half the inputs.
        var show = ShowFile.Parse(TwoInputShow);
        var (engine, bus) = Start(TwoInputShow);
        using var _ = engine;
        WaitFor(engine.OutputRunners[1], p => p.Any(v => v > 0.1f), "a multiviewer picture");
        var definition = show.Outputs[1].Multiviewer!;
        using var mv = new Multiviewer(definition, 64, 36);
        var looks = definition.Tiles.Select(_ => new CompiledLookCache(engine.BuildLook, engine.Report)).ToArray();
        var dst = new float[64 * 36 * 4];
        for (int i = 0; i < 3; i++) mv.Render(engine, bus.State, 1, looks, dst, 64, 36); // looks built, code jitted
        long before = GC.GetAllocatedBytesForCurrentThread(), helperBefore = mv.HelperAllocatedBytes;
        for (int i = 0; i < 5; i++) mv.Render(engine, bus.State, 1, looks, dst, 64, 36);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(8, mv.HelperFrames); // the show's multiviewer has two inputs: the helper did its half every frame
        Assert.Equal(helperBefore, mv.HelperAllocatedBytes);
        Assert.Contains(dst, v => v > 0.5f); // it drew: the red tally of BARS at least
    }

    [Fact]
    public void OutputThreadsAllocateNothingPerFrameInSteadyState()
    {
        // The demo's kinds of output: graded with false colour, the lower-third waveform, a scope inset and frame
        // lines; a clean feed; a multiviewer.
        var (engine, _) = Start($$"""
            {
              "size": "320x180", "rate": "50",
              "inputs": [
                { "name": "BARS", "source": "bars", "camera": "rec709" },
                { "name": "CAM", "source": "synthetic:logc3", "cdl": { "slope": [1.1, 1, 0.9], "offset": [0, 0, 0], "power": [1.1, 1, 0.9], "sat": 1.2 } }
              ],
              "outputs": [
                { "name": "DIT", "route": "CAM", "display": "rec1886", "overlays": { "falseColor": true, "waveform": true, "frameLines": 2.39, "scopes": { "topRight": "vectorscope" } } },
                { "name": "CLEAN", "route": "CAM", "view": "clean", "display": "pq1000" },
                { "name": "MV", "display": "rec1886", "multiviewer": { "layout": "2x2", "tiles": [ { "input": "BARS" }, { "input": "CAM" }, { "input": "CAM", "view": "clean" } ] } }
              ]
            }
            """);
        using var _ = engine;
        long Frames(int o) => engine.OutputRunners[o].Counters.Snapshot().Received;
        void WaitFrames(int o, long n)
        {
            var sw = Stopwatch.StartNew();
            while (Frames(o) < n && sw.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(10);
            Assert.True(Frames(o) >= n, $"{engine.OutputRunners[o].Name} made {Frames(o)} frames, not {n}");
        }
        for (int o = 0; o < 3; o++) WaitFrames(o, 30); // looks baked, overlays built, code jitted
        var before = engine.OutputRunners.Select(o => (o.ThreadAllocatedBytes, Frames: o.Counters.Snapshot().Received)).ToArray();
        for (int o = 0; o < 3; o++) WaitFrames(o, before[o].Frames + 50);
        for (int o = 0; o < 3; o++)
        {
            // The smallest object is 24 bytes, so anything made every frame costs at least 24 x frames; the runtime
            // itself now and then makes a one-off object on a thread (a lock's first contended wait), which is not
            // per frame: allowed up to half of that.
            var runner = engine.OutputRunners[o];
            long frames = Frames(o) - before[o].Frames;
            long allocated = runner.ThreadAllocatedBytes - before[o].ThreadAllocatedBytes;
            Assert.True(allocated < 24 * frames / 2, $"{runner.Name} allocated {allocated} bytes in {frames} frames");
        }
    }

    [Theory]
    [InlineData(-1, 7, 0)]  // a new route: its current frame at once, nothing missed
    [InlineData(6, 7, 0)]   // the next frame: on cadence
    [InlineData(6, 9, 2)]   // two frames came and went while the output was busy
    [InlineData(9, 9, 0)]   // no newer frame (the caller repeats or shows the slate)
    public void Input_frames_an_output_never_shows_count_as_dropped(long seen, long generation, long dropped) =>
        Assert.Equal(dropped, OutputRunner.InputFramesSkipped(seen, generation));

    [Fact]
    public void BadLutKeepsThePreviousLookAndSaysWhy()
    {
        var dir = Directory.CreateTempSubdirectory("lg-badlut").FullName;
        File.WriteAllText(Path.Combine(dir, "bad.cube"), "LUT_3D_SIZE 2\n0 0 0\n1 x 0\n");
        var (engine, bus) = Start(TwoInputShow);
        using var _ = engine;
        var output = engine.OutputRunners[0];
        WaitFor(output, px => px[0] != 0.12f, "a live picture");
        Assert.True(bus.Submit(new SetLuts("BARS", [Path.Combine(dir, "bad.cube")]), "test").Accepted);
        var sw = Stopwatch.StartNew();
        while (engine.Reports.Count == 0 && sw.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        // OUT and the multiviewer's BARS tile each tried to build the look: each says why, in one line.
        Assert.NotEmpty(engine.Reports);
        Assert.All(engine.Reports, r => Assert.Matches(@"^error: .*bad\.cube:3: ", r));
        var before = engine.Outputs()[0].Frames;
        Thread.Sleep(200);
        Assert.True(engine.Outputs()[0].Frames > before, "the output kept running");
    }
}
