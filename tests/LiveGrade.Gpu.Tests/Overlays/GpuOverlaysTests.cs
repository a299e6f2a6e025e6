using LiveGrade.Color.Overlays.Clipping;
using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Overlays.FrameLines;
using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Gpu.Overlays;

namespace LiveGrade.Gpu.Tests.Overlays;

/// <summary>
/// Each overlay shader against its CPU reference, on the SMPTE bars and on random values (with super-whites,
/// negatives and NaN). Every decision (band, stripe, clip, frame, divider side) is made on the same
/// quantised codes or the same float expressions, so the pictures must be identical.
/// </summary>
[Collection("Gpu")]
[Trait("Category", "Gpu")]
public sealed class GpuOverlaysTests(GlContextFixture fixture) : IDisposable
{
    private readonly GpuOverlays _gpu = new(fixture.Context);

    public void Dispose() => _gpu.Dispose();

    private const int W = 1920, H = 1080;

    private static float[] Random() => RandomPixels.Uniform(W * H, -0.1, 1.15, 91);

    [Fact]
    public void False_colour_matches_the_CPU()
    {
        foreach (var p in new[]
        {
            FalseColorParams.DefaultIre(YCbCrMatrix.Rec709),
            FalseColorParams.DefaultStops(YCbCrMatrix.Rec2020, ColorSpaceRegistry.Get("slog3")),
        })
        {
            foreach (var px in new[] { SmpteBars.Frame.ToRgb(), Random() })
            {
                var cpu = (float[])px.Clone();
                new FalseColorCpuRenderer(p).Apply(cpu);
                _gpu.FalseColor(px, W, H, p);
                AssertIdentical(cpu, px);
            }
        }
    }

    [Fact]
    public void Zebras_match_the_CPU()
    {
        var p = new ZebraParams(ZebraLevel.Parse("65-75"), new ZebraLevel(95), YCbCrMatrix.Rec709) { Phase = 3 };
        foreach (var px in new[] { SmpteBars.Frame.ToRgb(), Random() })
        {
            var cpu = (float[])px.Clone();
            new ZebraCpuRenderer(p).Apply(cpu, W, H);
            _gpu.Zebra(px, W, H, p);
            AssertIdentical(cpu, px);
        }
    }

    [Fact]
    public void Clipping_matches_the_CPU()
    {
        var p = new ClipParams { HighIre = 100, LowIre = 2 };
        var px = Random();
        var cpu = (float[])px.Clone();
        new ClipCpuRenderer(p).Apply(cpu);
        _gpu.Clip(px, W, H, p);
        AssertIdentical(cpu, px);
    }

    [Theory]
    [InlineData(2.39)]
    [InlineData(4.0 / 3)]
    public void Frame_lines_match_the_CPU(double aspect)
    {
        var p = new FrameLineParams(aspect) { ActionSafe = true, TitleSafe = true, CentreCross = true, Shade = 0.7f };
        var px = Random();
        var cpu = (float[])px.Clone();
        new FrameLineCpuRenderer(p).Apply(cpu, W, H);
        _gpu.FrameLines(px, W, H, p);
        AssertIdentical(cpu, px);
    }

    [Theory]
    [InlineData(CompareMode.Split, 0.0)]
    [InlineData(CompareMode.Wipe, 30.0)]
    [InlineData(CompareMode.Wipe, 135.0)]
    [InlineData(CompareMode.SideBySide, 0.0)]
    public void Compare_matches_the_CPU(CompareMode mode, double angle)
    {
        var a = SmpteBars.Frame.ToRgb();
        var b = Random();
        var p = new CompareParams(mode) { AngleDegrees = angle, PositionX = 0.37, PositionY = 0.61, LineWidth = 3 };
        var cpu = new float[a.Length];
        var gpu = new float[a.Length];
        new CompareCpuRenderer(p).Apply(a, b, cpu, W, H);
        _gpu.Compare(a, b, gpu, W, H, p);
        AssertIdentical(cpu, gpu);
    }

    private static void AssertIdentical(float[] cpu, float[] gpu)
    {
        for (int i = 0; i < cpu.Length; i++)
        {
            if (!(cpu[i] == gpu[i] || (float.IsNaN(cpu[i]) && float.IsNaN(gpu[i]))))
            {
                Assert.Fail($"pixel {i / 4 % W},{i / 4 / W} channel {i % 4}: CPU {cpu[i]} GPU {gpu[i]}");
            }
        }
    }
}
