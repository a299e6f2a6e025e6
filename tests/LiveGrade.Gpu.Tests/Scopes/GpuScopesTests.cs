using LiveGrade.Color.Charts;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Gpu.Scopes;
using Xunit.Abstractions;

namespace LiveGrade.Gpu.Tests.Scopes;

/// <summary>
/// The GPU scope passes against the CPU reference, bin for bin (exact equality: both sides quantise the
/// same single-precision values with the same correctly rounded operations), on the SMPTE bars, on the
/// synthetic camera chart, and on random values with negatives, super-whites, NaN and infinities.
/// </summary>
[Collection("Gpu")]
[Trait("Category", "Gpu")]
public sealed class GpuScopesTests(GlContextFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly GpuScopes _gpu = new(fixture.Context);

    public void Dispose() => _gpu.Dispose();

    public static TheoryData<string> Pictures() => ["bars", "chart", "random"];

    private static (float[] Pixels, int Width, int Height) Picture(string name) => name switch
    {
        "bars" => (SmpteBars.Frame.ToRgb(), SmpteBars.Width, SmpteBars.Height),
        "chart" => (SyntheticChart.RenderEncoded(1280, 720, ColorSpaceRegistry.Get("ARRI LogC3 (EI800)")), 1280, 720),
        _ => (WithSpecials(RandomPixels.Uniform(997 * 301, -0.2, 1.3, 77)), 997, 301),
    };

    /// <summary>Random values plus NaN and infinities sprinkled in, and exact half-code values.</summary>
    private static float[] WithSpecials(float[] px)
    {
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.125f, 0.375f, -0.0731f, 1.0947f, 0f, 1f];
        for (int i = 0; i < px.Length; i += 4 * 97)
        {
            px[i + (i / 4 % 3)] = specials[i / 4 % specials.Length];
        }
        return px;
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Waveform_luma_and_RGB_match_the_CPU_bin_for_bin(string name)
    {
        var (px, w, h) = Picture(name);
        _gpu.Upload(px, w, h);
        foreach (bool rgb in new[] { false, true })
        {
            foreach (int columns in new[] { WaveformParams.ColumnsFor(w, 1024), 333 })
            {
                var p = new WaveformParams(columns, rgb, YCbCrMatrix.Rec709);
                var cpu = new WaveformCounts(p);
                var gpu = new WaveformCounts(p);
                WaveformCpuAnalyzer.Analyze(px, w, h, cpu);
                _gpu.Waveform(gpu);
                AssertSameCounts($"{name} waveform rgb={rgb} columns={columns}", cpu.Counts, gpu.Counts);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Vectorscope_matches_the_CPU_bin_for_bin(string name)
    {
        var (px, w, h) = Picture(name);
        _gpu.Upload(px, w, h);
        foreach (var (size, matrix) in new[] { (512, YCbCrMatrix.Rec709), (1024, YCbCrMatrix.Rec2020), (256, YCbCrMatrix.Rec709) })
        {
            var p = new VectorscopeParams(size, matrix);
            var cpu = new VectorscopeCounts(p);
            var gpu = new VectorscopeCounts(p);
            VectorscopeCpuAnalyzer.Analyze(px, w, h, cpu);
            _gpu.Vectorscope(gpu);
            AssertSameCounts($"{name} vectorscope {size} {matrix}", cpu.Counts, gpu.Counts);
        }
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Histogram_matches_the_CPU_bin_for_bin(string name)
    {
        var (px, w, h) = Picture(name);
        _gpu.Upload(px, w, h);
        foreach (var matrix in new[] { YCbCrMatrix.Rec709, YCbCrMatrix.Rec2020 })
        {
            var cpu = new HistogramCounts(matrix);
            var gpu = new HistogramCounts(matrix);
            HistogramCpuAnalyzer.Analyze(px, w, h, cpu);
            _gpu.Histogram(gpu);
            AssertSameCounts($"{name} histogram {matrix}", cpu.Counts, gpu.Counts);
            Assert.Equal(LumaStatistics.From(cpu), LumaStatistics.From(gpu));
        }
    }

    private void AssertSameCounts(string what, uint[] cpu, uint[] gpu)
    {
        int differ = 0, first = -1;
        for (int i = 0; i < cpu.Length; i++)
        {
            if (cpu[i] != gpu[i])
            {
                differ++;
                first = first < 0 ? i : first;
            }
        }
        output.WriteLine($"{what}: {cpu.Sum(c => (long)c)} samples, {differ} bins differ");
        if (differ != 0)
        {
            Assert.Fail($"{what}: {differ} bins differ, first at {first}: CPU {cpu[first]} GPU {gpu[first]}");
        }
    }

    /// <summary>
    /// Pictures drawn by scope_trace.comp against ScopeCompositor: the same formula, with GLSL's log() allowed
    /// its few ulp: measured 6e-8 on llvmpipe; 2e-6 leaves room for a GPU's less exact log() and is still far
    /// below an 8-bit step (3.9e-3). Histogram bars compare integer thresholds and so match exactly.
    /// </summary>
    private const float TraceTolerance = 2e-6f;

    [Theory]
    [InlineData(ScopeType.Waveform, WaveformMode.Luma)]
    [InlineData(ScopeType.Waveform, WaveformMode.RgbOverlay)]
    [InlineData(ScopeType.Parade, WaveformMode.Parade)]
    [InlineData(ScopeType.Vectorscope, WaveformMode.Luma)]
    [InlineData(ScopeType.Histogram, WaveformMode.Luma)]
    public void Scope_pictures_drawn_on_the_GPU_match_the_CPU_compositor(ScopeType type, WaveformMode mode)
    {
        var (px, w, h) = Picture("bars");
        _gpu.Upload(px, w, h);
        var request = new ScopeRequest { Type = type, WaveformMode = mode, HistogramLuma = false };
        ScopeLayout layout;
        ScopeTraceScale scale;
        uint[] counts;
        switch (type)
        {
            case ScopeType.Vectorscope:
            {
                var c = new VectorscopeCounts(new VectorscopeParams(512, YCbCrMatrix.Rec709));
                _gpu.Vectorscope(c);
                (layout, scale, counts) = (VectorscopeRenderer.Layout(c.Params, request), VectorscopeRenderer.Scale(c, 1f), c.Counts);
                break;
            }
            case ScopeType.Histogram:
            {
                var c = new HistogramCounts(YCbCrMatrix.Rec709);
                _gpu.Histogram(c);
                (layout, scale, counts) = (HistogramRenderer.Layout(request), HistogramRenderer.Scale(c, 1f), c.Counts);
                break;
            }
            default:
            {
                bool rgb = request.EffectiveWaveformMode != WaveformMode.Luma;
                var c = new WaveformCounts(new WaveformParams(type == ScopeType.Parade ? 320 : 960, rgb, YCbCrMatrix.Rec709));
                _gpu.Waveform(c);
                (layout, scale, counts) = (WaveformRenderer.Layout(c.Params, request), WaveformRenderer.Scale(c, 1f), c.Counts);
                break;
            }
        }
        var cpu = new float[layout.Width * layout.Height * 4];
        var gpu = new float[cpu.Length];
        ScopeCompositor.Compose(layout, counts, scale, cpu);
        _gpu.Render(layout, scale, gpu);
        double max = 0;
        for (int i = 0; i < cpu.Length; i++)
        {
            max = Math.Max(max, Math.Abs(cpu[i] - gpu[i]));
        }
        output.WriteLine($"{type} {mode}: {layout.Width}x{layout.Height}, max |GPU - CPU| = {max:E2}");
        Assert.True(max <= (type == ScopeType.Histogram ? 1e-6 : TraceTolerance), $"max difference {max}");
    }
}
