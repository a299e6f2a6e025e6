using LiveGrade.Color.Overlays.FrameLines;

namespace LiveGrade.Color.Tests.Overlays.FrameLines;

public class FrameLineCpuRendererTests
{
    /// <summary>
    /// The renderer only visits the pixels it can paint; the rules it implements, written here pixel by pixel
    /// (in order: shade outside the frame; inside, the frame's border band, then the centre cross, then the
    /// safe rectangles' one-pixel borders), must give the same picture bit for bit.
    /// </summary>
    [Theory]
    [InlineData(2.39, 1920, 1080, false, false, false, 2)]
    [InlineData(2.39, 1920, 1080, true, true, true, 2)]
    [InlineData(1.85, 1920, 1080, true, true, true, 3)]
    [InlineData(4.0 / 3, 1920, 1080, true, false, true, 2)]  // pillarbox
    [InlineData(16.0 / 9, 1920, 1080, true, true, true, 1)]  // the whole picture framed
    [InlineData(2.0, 723, 405, true, true, true, 4)]         // odd sizes
    public void Matches_the_rules_applied_to_every_pixel(double aspect, int w, int h, bool action, bool title, bool cross, int lineWidth)
    {
        var p = new FrameLineParams(aspect) { Shade = 0.6f, LineWidth = lineWidth, ActionSafe = action, TitleSafe = title, CentreCross = cross };
        var rng = new Random(5);
        var input = new float[w * h * 4];
        for (int i = 0; i < input.Length; i++) input[i] = (float)rng.NextDouble();
        var actual = (float[])input.Clone();
        new FrameLineCpuRenderer(p).Apply(actual, w, h);

        var g = FrameLineGeometry.For(w, h, p);
        var expected = (float[])input.Clone();
        float keep = 1f - p.Shade;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = (y * w + x) * 4;
                if (!g.Frame.Contains(x, y))
                {
                    expected[i] *= keep;
                    expected[i + 1] *= keep;
                    expected[i + 2] *= keep;
                    continue;
                }
                LiveGrade.Color.Scopes.Rendering.Rgb? c =
                    g.Frame.OnBorder(x, y, p.LineWidth) ? p.LineColour
                    : cross && (g.CrossH.Contains(x, y) || g.CrossV.Contains(x, y)) ? p.CrossColour
                    : (action && g.ActionSafe.OnBorder(x, y, 1)) || (title && g.TitleSafe.OnBorder(x, y, 1)) ? p.SafeColour
                    : null;
                if (c is { } col) (expected[i], expected[i + 1], expected[i + 2]) = (col.R, col.G, col.B);
            }
        }
        int differing = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i])) differing++;
        }
        Assert.Equal(0, differing);
        // and the overlay did something: lines and shading
        Assert.NotEqual(input, actual);
    }
}
