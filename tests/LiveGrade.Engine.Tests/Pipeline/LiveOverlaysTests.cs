using System.Diagnostics;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Scopes;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Interop.Oiio;
using LiveGrade.Video.Sources;

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

    // Two cameras on the same bars: BARS with its own grade, TWIN graded with the second look (its CDL and a LUT),
    // so the TWIN output's picture is what a compare against that look must show on its side. The show's folder is
    // a temporary one (the LUT and the stills live there).
    private static (ShowFile Show, SecondLook Look) SecondLookShow()
    {
        var dir = Directory.CreateTempSubdirectory("lg-compare").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "luts"));
        // A 2-point cube that warms and lifts: R' = 0.05 + 0.95 r, G' = 0.02 + 0.9 g, B' = 0.8 b.
        var cube = new System.Text.StringBuilder("LUT_3D_SIZE 2\n");
        for (int b = 0; b < 2; b++)
        {
            for (int g = 0; g < 2; g++)
            {
                for (int r = 0; r < 2; r++) cube.Append(System.FormattableString.Invariant($"{0.05 + 0.95 * r} {0.02 + 0.9 * g} {0.8 * b}\n"));
            }
        }
        File.WriteAllText(Path.Combine(dir, "luts", "warm.cube"), cube.ToString());
        var look = new SecondLook("sc12 tk3 v2", new CdlValues(new(0.9, 1.05, 1.2), new(0, 0.01, 0.02), new(1.1, 1, 0.95), 1.2), ["luts/warm.cube"]);
        var show = ShowFile.Parse("""
            {
              "size": "320x180", "rate": "50", "renderer": "cpu",
              "inputs": [ { "name": "BARS", "source": "bars", "camera": "rec709",
                            "cdl": { "slope": [1.3, 1.0, 0.8], "offset": [0.02, 0, -0.01], "power": [1, 1, 1.1], "sat": 0.6 } },
                          { "name": "TWIN", "source": "bars", "camera": "rec709",
                            "cdl": { "slope": [0.9, 1.05, 1.2], "offset": [0, 0.01, 0.02], "power": [1.1, 1, 0.95], "sat": 1.2 }, "luts": ["luts/warm.cube"] } ],
              "outputs": [
                { "name": "GRADED", "route": "BARS" },
                { "name": "TWIN", "route": "TWIN" },
                { "name": "LIVE", "route": "BARS" },
                { "name": "SCOPES", "route": "BARS", "overlays": { "scopes": { "topLeft": "waveform", "bottomRight": "waveform", "taps": { "topLeft": "camera" } } } }
              ]
            }
            """) with { BaseDirectory = dir };
        return (show, look);
    }

    private static CompareDefinition Definition(CompareState s) => OverlayRules.ToDefinition(s);

    [Fact]
    public void Split_and_side_by_side_against_a_second_look_show_that_looks_picture_on_their_side()
    {
        var (show, look) = SecondLookShow();
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var graded = WaitFor(engine.OutputRunners[0], _ => true, "a picture");
        var twin = WaitFor(engine.OutputRunners[1], _ => true, "a picture");
        Assert.NotEqual(graded, twin);
        // The twin's picture is the second look through the exact chain, within the bake's stated tolerance.
        var exact = new float[W * H * 4];
        TestPatterns.Bars(exact, W, H);
        new Color.Processing.CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "look", "rec1886", 1, look))).ApplyParallel(exact);
        Assert.True(MaxDiff(twin, exact) < BakeTolerance, $"the second look is {MaxDiff(twin, exact):E2} from its exact chain");
        foreach (var state in new[]
        {
            new CompareState(CompareMode.Split, 0.35, 0) { Against = CompareAgainst.Look, Look = look },
            new CompareState(CompareMode.SideBySide, 0.5, 0) { Against = CompareAgainst.Look, Look = look },
        })
        {
            Assert.True(bus.Submit(new SetOverlays("LIVE", Compare: Definition(state)), "test").Accepted);
            var expected = Composite(state, graded, twin);
            WaitFor(engine.OutputRunners[2], px => px.AsSpan().SequenceEqual(expected), $"{state.Mode} of the graded and the second look's pictures");
        }
    }

    // As LiveEngineTests: the CPU renderer's 33³ bake against the exact chain.
    private const double BakeTolerance = 1.5e-2;

    private static double MaxDiff(float[] a, float[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (i % 4 != 3) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }
        return max;
    }

    [Fact]
    public async Task A_still_is_compared_as_read_and_a_grab_becomes_the_outputs_reference()
    {
        var (show, _) = SecondLookShow();
        // A still of another aspect: a 256x256 zone plate, pillarboxed into 320x180.
        var zone = new float[256 * 256 * 4];
        TestPatterns.ZonePlate(zone, 256, 256);
        Directory.CreateDirectory(Path.Combine(show.BaseDirectory, "stills"));
        ImageFile.Write(Path.Combine(show.BaseDirectory, "stills", "zone.exr"), new RgbaImage(256, 256, zone), ImageSampleFormat.Float);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var graded = WaitFor(engine.OutputRunners[0], _ => true, "a picture");
        var live = engine.OutputRunners[2];
        var still = ReferenceStillCache.Prepare(ImageFile.Read(Path.Combine(show.BaseDirectory, "stills", "zone.exr")), W, H);
        var sideBySide = new CompareState(CompareMode.SideBySide, 0.5, 0) { Against = CompareAgainst.Still, Still = "stills/zone.exr" };
        Assert.True(bus.Submit(new SetOverlays("LIVE", Compare: Definition(sideBySide)), "test").Accepted);
        WaitFor(live, px => px.AsSpan().SequenceEqual(Composite(sideBySide, graded, still)), "the graded picture beside the still");

        // A still that is not there: one line, and the output shows its own picture whole.
        Assert.True(bus.Submit(new SetOverlays("LIVE", Compare: Definition(sideBySide with { Still = "stills/gone.exr" })), "test").Accepted);
        WaitFor(live, px => px.AsSpan().SequenceEqual(graded), "the graded picture whole");
        var sw = Stopwatch.StartNew();
        while (!engine.Reports.Any(r => r.Contains("gone.exr")) && sw.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        Assert.Matches(@"^error: .*stills/gone\.exr: no such file$", Assert.Single(engine.Reports, r => r.Contains("gone.exr")));

        // Grab: the output's picture (before its overlays) becomes its reference, the side-by-side mode kept.
        var (result, path) = await engine.GrabReferenceAsync("LIVE", "test");
        Assert.True(result.Accepted, result.Error);
        Assert.Matches(@"^stills/LIVE-\d{8}-\d{6}-\d{3}\.exr$", path);
        var grabbed = ImageFile.Read(Path.Combine(show.BaseDirectory, path!));
        Assert.Equal(graded, grabbed.Pixels); // float EXR: the picture exactly
        var compare = bus.State.Output("LIVE")!.Overlays.Compare!;
        Assert.Equal((CompareMode.SideBySide, CompareAgainst.Still, path), (compare.Mode, compare.Against, compare.Still));
        WaitFor(live, px => px.AsSpan().SequenceEqual(Composite(compare, graded, graded)), "the graded picture beside its grab");
        Assert.False((await engine.GrabReferenceAsync("NOWHERE", "test")).Result.Accepted);
    }

    [Fact]
    public void A_camera_tapped_waveform_is_the_reference_waveform_of_the_input_frame()
    {
        var (show, _) = SecondLookShow();
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var graded = WaitFor(engine.OutputRunners[0], _ => true, "a picture");
        var input = new float[W * H * 4];
        TestPatterns.Bars(input, W, H); // the camera's own signal: the bars as the source makes them
        var camera = new ScopeInset(InsetScope.Waveform, 0, YCbCrMatrix.Rec709, ScopeSignal.Sdr, W, H);
        var output = new ScopeInset(InsetScope.Waveform, 3, YCbCrMatrix.Rec709, ScopeSignal.Sdr, W, H);
        var expected = (float[])graded.Clone();
        foreach (var (inset, countedFrom) in new[] { (camera, input), (output, graded) })
        {
            var picture = OutputOverlaysTests.ReferenceInset(inset, countedFrom, W, H, YCbCrMatrix.Rec709);
            for (int row = 0; row < inset.Height; row++) Array.Copy(picture, row * inset.Width * 4, expected, ((inset.Y + row) * W + inset.X) * 4, inset.Width * 4);
        }
        var shown = WaitFor(engine.OutputRunners[3], px => px.AsSpan().SequenceEqual(expected), "the camera's waveform top-left and the output's bottom-right");
        // The two taps differ: the grade moved the levels.
        Assert.False(OutputOverlaysTests.ReferenceInset(camera, input, W, H, YCbCrMatrix.Rec709).AsSpan().SequenceEqual(OutputOverlaysTests.ReferenceInset(camera, graded, W, H, YCbCrMatrix.Rec709)));
        // Switched on the bus: the camera tap off again, both corners count the output.
        Assert.True(bus.Submit(new SetOverlays("SCOPES", Scopes: new ScopeCornersDefinition { TopLeft = "waveform", BottomRight = "waveform" }), "test").Accepted);
        var bothOutput = (float[])graded.Clone();
        foreach (var inset in new[] { camera, output })
        {
            var picture = OutputOverlaysTests.ReferenceInset(inset, graded, W, H, YCbCrMatrix.Rec709);
            for (int row = 0; row < inset.Height; row++) Array.Copy(picture, row * inset.Width * 4, bothOutput, ((inset.Y + row) * W + inset.X) * 4, inset.Width * 4);
        }
        WaitFor(engine.OutputRunners[3], px => px.AsSpan().SequenceEqual(bothOutput), "both waveforms of the output");
    }
    [Fact]
    public void A_graded_tapped_waveform_counts_the_look_before_the_display_transform()
    {
        var (show, _) = SecondLookShow();
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        var graded = WaitFor(engine.OutputRunners[0], _ => true, "a picture");
        Assert.True(bus.Submit(new SetOverlays("SCOPES", Scopes: new ScopeCornersDefinition
        {
            TopLeft = "waveform", BottomRight = "waveform", Taps = new ScopeTapsDefinition { TopLeft = "graded" },
        }), "test").Accepted);
        // The camera's bars through BARS's look with no display and no output: the working-space (ACEScct) grade.
        var key = new LookKey(0, bus.State.Cameras[0].LookVersion, "graded", "none", -1);
        var workingGrade = new float[W * H * 4];
        TestPatterns.Bars(workingGrade, W, H);
        new CompiledLook(key, engine.BuildLook(key)).Apply(workingGrade);
        var tapped = new ScopeInset(InsetScope.Waveform, 0, YCbCrMatrix.Rec709, ScopeSignal.Sdr, W, H);
        var output = new ScopeInset(InsetScope.Waveform, 3, YCbCrMatrix.Rec709, ScopeSignal.Sdr, W, H);
        var expected = (float[])graded.Clone();
        foreach (var (inset, countedFrom) in new[] { (tapped, workingGrade), (output, graded) })
        {
            var picture = OutputOverlaysTests.ReferenceInset(inset, countedFrom, W, H, YCbCrMatrix.Rec709);
            for (int row = 0; row < inset.Height; row++) Array.Copy(picture, row * inset.Width * 4, expected, ((inset.Y + row) * W + inset.X) * 4, inset.Width * 4);
        }
        WaitFor(engine.OutputRunners[3], px => px.AsSpan().SequenceEqual(expected), "the grade's waveform top-left and the output's bottom-right");
        // Not the display's levels: the ACES output transform and the Rec.1886 encoding move them.
        Assert.False(OutputOverlaysTests.ReferenceInset(tapped, workingGrade, W, H, YCbCrMatrix.Rec709).AsSpan()
            .SequenceEqual(OutputOverlaysTests.ReferenceInset(tapped, graded, W, H, YCbCrMatrix.Rec709)));
    }
    [Fact]
    public async Task Grabs_run_one_at_a_time_per_output_and_the_newest_twenty_are_kept()
    {
        var (show, _) = SecondLookShow();
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        WaitFor(engine.OutputRunners[2], _ => true, "a picture");
        // Two at once on one output: one of them is refused in one line.
        var both = await Task.WhenAll(engine.GrabReferenceAsync("LIVE", "a"), engine.GrabReferenceAsync("LIVE", "b"));
        Assert.Single(both, g => g.Result.Accepted);
        Assert.Contains(both, g => !g.Result.Accepted && g.Result.Error!.Contains("a grab is already running", StringComparison.Ordinal));
        string? last = null;
        for (int i = 0; i < LiveEngine.GrabsKeptPerOutput + 2; i++)
        {
            var (result, path) = await engine.GrabReferenceAsync("LIVE", "test");
            Assert.True(result.Accepted, result.Error);
            last = path;
            await Task.Delay(2); // distinct millisecond names
        }
        var kept = Directory.GetFiles(Path.Combine(show.BaseDirectory, "stills"), "LIVE-*.exr");
        Assert.Equal(LiveEngine.GrabsKeptPerOutput, kept.Length);
        Assert.Contains(kept, f => f.EndsWith(Path.GetFileName(last!), StringComparison.Ordinal)); // the one in use stays
    }
}
