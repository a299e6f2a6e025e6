using LiveGrade.Color.Overlays.Compare;

namespace LiveGrade.Color.Tests.Overlays.Compare;

public class CompareCpuRendererTests
{
    private const int W = 64, H = 36;

    [Fact]
    public void Split_shows_A_left_of_the_divider_and_B_right_of_it()
    {
        var a = OverlayPixels.Fill(W, H, 1f, 0f, 0f);
        var b = OverlayPixels.Fill(W, H, 0f, 0f, 1f);
        var o = new float[a.Length];
        var p = new CompareParams(CompareMode.Split) { PositionX = 0.25, LineWidth = 2 };
        new CompareCpuRenderer(p).Apply(a, b, o, W, H);
        // Divider at x = 16: pixel centres 15.5 and 16.5 are within 1 of it (the 2-pixel line).
        for (int x = 0; x < W; x++)
        {
            var (r, bl) = (o[(10 * W + x) * 4], o[(10 * W + x) * 4 + 2]);
            if (x is 15 or 16)
            {
                Assert.Equal(p.LineColour.R, r);
            }
            else
            {
                Assert.Equal(x < 16 ? (1f, 0f) : (0f, 1f), (r, bl));
            }
        }
    }

    [Fact]
    public void A_wipe_at_45_degrees_through_the_centre_splits_along_the_diagonal()
    {
        var a = OverlayPixels.Fill(W, H, 1f, 0f, 0f);
        var b = OverlayPixels.Fill(W, H, 0f, 0f, 1f);
        var o = new float[a.Length];
        var p = new CompareParams(CompareMode.Wipe) { AngleDegrees = 45, PositionX = 0.5, PositionY = 0.5, LineWidth = 0 };
        new CompareCpuRenderer(p).Apply(a, b, o, W, H);
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                // Normal (cos 45, sin 45): A where (x + 0.5 - 32) + (y + 0.5 - 18) < 0.
                double d = (x + 0.5 - 32) + (y + 0.5 - 18);
                if (System.Math.Abs(d) < 1e-3)
                {
                    continue; // on the line: either side is right
                }
                Assert.Equal(d < 0 ? 1f : 0f, o[(y * W + x) * 4]);
            }
        }
    }

    [Fact]
    public void Side_by_side_shows_both_pictures_at_half_size_centred()
    {
        var a = new float[W * H * 4];
        var b = OverlayPixels.Fill(W, H, 0.5f, 0.5f, 0.5f);
        for (int i = 0; i < W * H; i++)
        {
            a[i * 4] = i % W;   // R' = column number, so the box average is easy to predict
            a[i * 4 + 3] = 1;
        }
        var o = new float[a.Length];
        new CompareCpuRenderer(new CompareParams(CompareMode.SideBySide)).Apply(a, b, o, W, H);
        // Rows 9..26 hold the half-height pictures; A's output column x averages columns 2x and 2x + 1.
        Assert.Equal(0f, o[(8 * W + 5) * 4 + 3] == 1f ? o[(8 * W + 5) * 4] : -1f);
        Assert.Equal(2 * 5 + 0.5f, o[(9 * W + 5) * 4]);
        Assert.Equal(2 * 30 + 0.5f, o[(26 * W + 30) * 4]);
        Assert.Equal(0.5f, o[(20 * W + 40) * 4]);
        Assert.Equal(0f, o[(27 * W + 40) * 4]);
        // The divider: 2 pixels wide, columns 31 and 32 (A's last and B's first), over the pictures' rows only.
        var line = new CompareParams(CompareMode.SideBySide).LineColour;
        for (int y = 0; y < H; y++)
        {
            foreach (int x in new[] { 31, 32 })
            {
                float expected = y is >= 9 and <= 26 ? line.R : 0f;
                Assert.Equal(expected, o[(y * W + x) * 4]);
            }
        }
        Assert.Equal(0.5f, o[(20 * W + 33) * 4]);
    }
}
