using LiveGrade.Color.Overlays.Zebra;
using LiveGrade.Color.Scopes;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Tests.Overlays.Zebra;

public class ZebraCpuRendererTests
{
    [Fact]
    public void Zebra_95_starts_at_the_first_code_at_or_above_95_IRE()
    {
        // 95 IRE = code 896.2: code 896 (94.98 IRE) is below, 897 (95.09 IRE) is at or above.
        var level = new ZebraLevel(95);
        Assert.Equal(897, level.LowCode);
        Assert.Equal(1023, level.HighCode);
        var p = new ZebraParams(level, null, YCbCrMatrix.Rec709) { Period = 2 };
        // Period 2: pixel (x, 0) is striped when x is even.
        var px = OverlayPixels.GreyCodes(896, 896, 897, 897, 1019, 1019);
        var before = (float[])px.Clone();
        new ZebraCpuRenderer(p).Apply(px, 6, 1);
        Assert.Equal(before[0], px[0]);            // 896, stripe phase: untouched (below the level)
        Assert.Equal(p.FirstColour.R, px[2 * 4]); // 897, stripe phase: striped
        Assert.Equal(before[3 * 4], px[3 * 4]);    // 897, gap phase: untouched
        Assert.Equal(p.FirstColour.R, px[4 * 4]); // super-white is striped too
    }

    [Fact]
    public void Two_levels_stripe_in_opposite_directions_and_the_second_wins_where_both_apply()
    {
        var p = new ZebraParams(new ZebraLevel(70), new ZebraLevel(95), YCbCrMatrix.Rec709) { Period = 8 };
        const int w = 16, h = 16;
        var bright = OverlayPixels.Fill(w, h, 0.98f, 0.98f, 0.98f);
        new ZebraCpuRenderer(p).Apply(bright, w, h);
        var skin = OverlayPixels.Fill(w, h, 0.75f, 0.75f, 0.75f);
        new ZebraCpuRenderer(p).Apply(skin, w, h);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w + x) * 4;
                // 98 IRE: zebra 2's "\" pattern only; 75 IRE: zebra 1's "/" pattern only.
                Assert.Equal(p.SecondStripe(x, y), bright[i] == p.SecondColour.R && bright[i + 1] == p.SecondColour.G);
                Assert.Equal(p.FirstStripe(x, y), skin[i] == p.FirstColour.R);
            }
        }
        // "/" stripes: constant along x + y; "\" stripes: constant along x - y.
        Assert.Equal(p.FirstStripe(3, 5), p.FirstStripe(5, 3));
        Assert.Equal(p.SecondStripe(3, 5), p.SecondStripe(6, 8));
        Assert.NotEqual(p.FirstStripe(0, 0), p.FirstStripe(4, 0));
    }

    [Fact]
    public void A_band_level_stripes_only_inside_the_band()
    {
        var level = ZebraLevel.Parse("65-75");
        Assert.Equal((634, 721), (level.LowCode, level.HighCode)); // ceil(633.4), floor(721.0)
        var p = new ZebraParams(level, null, YCbCrMatrix.Rec709) { Period = 2 };
        var px = OverlayPixels.GreyCodes(633, 634, 721, 722);
        var before = (float[])px.Clone();
        // Pixels 0 and 2 are in the stripe phase (period 2, row 0): only codes inside 634..721 change.
        new ZebraCpuRenderer(p).Apply(px, 4, 1);
        Assert.Equal(before[0], px[0]);
        Assert.Equal(p.FirstColour.R, px[2 * 4]);
        Assert.Throws<InputException>(() => ZebraLevel.Parse("high"));
        Assert.Throws<InputException>(() => ZebraLevel.Parse("80-70"));
    }
}
