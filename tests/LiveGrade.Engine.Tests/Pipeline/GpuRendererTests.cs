using System.Diagnostics;
using LiveGrade.Color.Processing;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;
using LiveGrade.Video.Sources;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// The engine's GPU renderer (a headless GL context; Mesa llvmpipe in CI): the exact look as a compute shader,
/// so the output matches the exact chain far closer than the CPU's 33³ bake does, and follows CDL changes.
/// </summary>
[Trait("Category", "Gpu")]
public class GpuRendererTests(ITestOutputHelper log)
{
    // GPU against the CPU's exact chain on graded bars through the ACES output transform: measured 2.8e-5 on
    // llvmpipe (0.03 of a 10-bit code), against 2.1e-2 for the CPU's 33³ bake. The bound leaves room for
    // another GL's float rounding (figures are printed).
    private const double GpuVersusExact = 1e-4;

    private const string Show = """
        {
          "size": "64x36", "rate": "25", "renderer": "gpu",
          "inputs": [ { "name": "BARS", "source": "bars", "camera": "rec709",
                        "cdl": { "slope": [1.1, 1.0, 0.9], "offset": [0.01, 0, -0.01], "power": [1, 1, 1.05], "sat": 0.9 } } ],
          "outputs": [ { "name": "OUT", "route": "BARS", "display": "rec1886" } ]
        }
        """;

    private static double MaxDiff(float[] a, float[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (i % 4 != 3) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }
        return max;
    }

    private static float[] Exact(LiveEngine engine, long lookVersion)
    {
        var bars = new float[64 * 36 * 4];
        TestPatterns.Bars(bars, 64, 36);
        new CpuProcessor(engine.BuildExactLook(new LookKey(0, lookVersion, "graded", "rec1886", 0))).Apply(bars);
        return bars;
    }

    private double WaitFor(OutputRunner output, float[] expected)
    {
        var sw = Stopwatch.StartNew();
        double diff = double.MaxValue;
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (output.Snapshot() is { } px && (diff = MaxDiff(px, expected)) < GpuVersusExact) return diff;
            Thread.Sleep(20);
        }
        Assert.Fail($"the GPU output never matched the exact chain (last difference {diff:E2})");
        return diff;
    }

    [Fact]
    public void The_GPU_renders_the_exact_look_and_follows_a_CDL_change()
    {
        var show = ShowFile.Parse(Show);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        log.WriteLine($"renderer: {engine.Renderer}");
        Assert.NotNull(engine.Gpu);
        Assert.StartsWith("GPU (", engine.Renderer);

        log.WriteLine($"GPU vs exact chain: {WaitFor(engine.OutputRunners[0], Exact(engine, 0)):E2}");
        var cdl = new CdlValues(new Rgb(0.8, 1.0, 1.2), new Rgb(0, 0.02, 0), new Rgb(1, 1, 1), 1.2);
        Assert.True(bus.Submit(new SetCdl("BARS", cdl), "test").Accepted);
        log.WriteLine($"after the CDL change: {WaitFor(engine.OutputRunners[0], Exact(engine, bus.State.Cameras[0].LookVersion)):E2}");
        Assert.Empty(engine.Reports);
    }

    [Fact]
    public void A_wipe_on_the_GPU_grades_its_clean_side_with_the_exact_clean_chain()
    {
        var show = ShowFile.Parse(Show.Replace("\"display\": \"rec1886\" }", "\"display\": \"rec1886\", \"overlays\": { \"compare\": { \"mode\": \"wipe\", \"position\": 0.45, \"angle\": 60 } } }"));
        Assert.NotNull(show.Outputs[0].Overlays.Compare);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        Assert.NotNull(engine.Gpu);
        // The exact graded and clean chains of the same camera, composed by the reference renderer.
        var clean = new float[64 * 36 * 4];
        TestPatterns.Bars(clean, 64, 36);
        new CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "clean", "rec1886", 0))).Apply(clean);
        var graded = Exact(engine, 0);
        Assert.True(MaxDiff(graded, clean) > 0.02, "the grade should show against the clean feed");
        var expected = new float[graded.Length];
        new Color.Overlays.Compare.CompareCpuRenderer(OutputCompare.ParamsFor(new CompareState(Color.Overlays.Compare.CompareMode.Wipe, 0.45, 60), 64, 36))
            .Apply(graded, clean, expected, 64, 36);
        log.WriteLine($"GPU wipe vs the exact chains: {WaitFor(engine.OutputRunners[0], expected):E2}");
        Assert.Empty(engine.Reports);
    }

    [Fact]
    public void Side_by_side_against_a_second_look_on_the_GPU_uses_that_looks_exact_chain()
    {
        var show = ShowFile.Parse(Show);
        using var bus = new ControlBus(StateTransitions.Initial(show), journal: null);
        using var engine = new LiveEngine(show, bus);
        engine.Start();
        Assert.NotNull(engine.Gpu);
        var second = new SecondLook("other", new CdlValues(new Rgb(0.8, 1.0, 1.25), new Rgb(0, 0.02, 0), new Rgb(1.1, 1, 1), 1.3), []);
        var state = new CompareState(Color.Overlays.Compare.CompareMode.SideBySide, 0.5, 0) { Against = CompareAgainst.Look, Look = second };
        Assert.True(bus.Submit(new SetOverlays("OUT", Compare: OverlayRules.ToDefinition(state)), "test").Accepted);
        var other = new float[64 * 36 * 4];
        TestPatterns.Bars(other, 64, 36);
        new CpuProcessor(engine.BuildExactLook(new LookKey(0, 0, "look", "rec1886", 0, second))).Apply(other);
        var graded = Exact(engine, 0);
        Assert.True(MaxDiff(graded, other) > 0.02, "the second look should differ from the output's");
        var expected = new float[graded.Length];
        new Color.Overlays.Compare.CompareCpuRenderer(OutputCompare.ParamsFor(state, 64, 36)).Apply(graded, other, expected, 64, 36);
        log.WriteLine($"GPU side by side vs the exact chains: {WaitFor(engine.OutputRunners[0], expected):E2}");
        Assert.Empty(engine.Reports);
    }
}
