using LiveGrade.Color.Overlays.Compare;
using LiveGrade.Color.Charts;
using LiveGrade.Color.Spaces;
using LiveGrade.Engine.Control;
using LiveGrade.Engine.Pipeline;
using LiveGrade.Engine.Show;

namespace LiveGrade.Engine.Tests.Pipeline;

/// <summary>
/// The DIT's overlays run in the look's own bands (luma codes of the lower third's rows, then false colour):
/// the output must be bit for bit what the look then the overlays as separate passes make.
/// </summary>
public class LookBandOverlaysTests
{
    private static (CompiledLook Look, float[] Chart) DemoLook(int w, int h)
    {
        var show = TestRepository.DemoShow();
        var state = StateTransitions.Initial(show);
        var space = ColorSpaceRegistry.Get("logc3");
        var compiler = new LookCompiler("ACEScct", show.BaseDirectory);
        var look = new CompiledLook(default, compiler.BuildParts(space, state.Cameras[0], "graded", "rec1886", null));
        return (look, SyntheticChart.RenderEncoded(w, h, space));
    }

    [Theory]
    [InlineData(true, true, 333, 150)]   // several bands, band edges in the middle of rows, 150 not a multiple of the row step
    [InlineData(false, true, 333, 150)]  // the waveform alone (codes, nothing painted in the bands)
    [InlineData(true, false, 333, 150)]  // false colour alone
    [InlineData(true, true, 1920, 64)]   // a 1080p-wide picture
    public void Overlays_in_the_looks_bands_give_the_separate_passes_pixels(bool falseColor, bool waveform, int w, int h)
    {
        var (look, chart) = DemoLook(w, h);
        var key = new LookKey(0, 0, "graded", "rec1886", 0);
        var settings = new OverlayState(falseColor, 0, 0, waveform);

        var separate = new float[chart.Length];
        look.Apply(chart, separate);
        new OutputOverlays().Apply(settings, key, separate, w, h, chart, w, h);

        var overlays = new OutputOverlays();
        var fused = new float[chart.Length];
        for (int frame = 0; frame < 2; frame++) // the second frame reuses the codes and the look's banded processor
        {
            var bands = overlays.LookBands(settings, "rec1886", w, h);
            Assert.NotNull(bands);
            unsafe
            {
                fixed (float* pinned = fused)
                {
                    bands.Begin(pinned);
                    look.Apply(chart, fused, bands);
                }
            }
            overlays.Apply(settings, key, fused, w, h, chart, w, h, lookBandsRan: true);
            for (int i = 0; i < chart.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(separate[i]) == BitConverter.SingleToInt32Bits(fused[i]),
                    $"frame {frame}, pixel ({i / 4 % w}, {i / 4 / w}) channel {i % 4}: separate {separate[i]:R}, in bands {fused[i]:R}");
            }
        }
    }

    [Fact]
    public void Settings_that_read_the_graded_picture_before_false_colour_keep_the_separate_passes()
    {
        var overlays = new OutputOverlays();
        var both = new OverlayState(true, 0, 0, true);
        Assert.NotNull(overlays.LookBands(both, "rec1886", 64, 36));
        // A scope inset counts the graded picture, a compare mode puts B beside it, both before false colour paints.
        Assert.Null(overlays.LookBands(both with { Scopes = ScopeInsets.None with { TopLeft = InsetScope.Waveform } }, "rec1886", 64, 36));
        Assert.Null(overlays.LookBands(both with { Compare = new CompareState(CompareMode.Split, 0.5, 0) }, "rec1886", 64, 36));
        // Nothing to do in the bands: zebras and frame lines stay after the look.
        Assert.Null(overlays.LookBands(new OverlayState(false, 95, 2.39, false), "rec1886", 64, 36));
    }

    [Fact]
    public void A_band_from_another_buffer_is_refused()
    {
        var overlays = new OutputOverlays();
        var bands = overlays.LookBands(new OverlayState(false, 0, 0, true), "rec1886", 16, 8)!;
        var frame = new float[16 * 8 * 4];
        var other = new float[16 * 8 * 4];
        unsafe
        {
            fixed (float* pinned = frame)
            fixed (float* elsewhere = other)
            {
                bands.Begin(pinned);
                var band = new Span<float>(elsewhere, other.Length);
                try
                {
                    bands.Apply(band);
                    Assert.Fail("a band of another buffer was taken for rows of the frame");
                }
                catch (ArgumentException)
                {
                }
            }
        }
    }
}
