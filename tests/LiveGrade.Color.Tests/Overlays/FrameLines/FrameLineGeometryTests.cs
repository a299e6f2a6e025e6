using LiveGrade.Color.Overlays.FrameLines;

namespace LiveGrade.Color.Tests.Overlays.FrameLines;

public class FrameLineGeometryTests
{
    [Fact]
    public void Scope_2_39_on_1920x1080_frames_1920x804_from_row_138()
    {
        // 1920 / 2.39 = 803.3, rounded to the even 804: two equal bars of 138 rows.
        var g = FrameLineGeometry.For(1920, 1080, new FrameLineParams(2.39));
        Assert.Equal(new PixelRect(0, 138, 1920, 804), g.Frame);
        Assert.Equal(1080 - g.Frame.Bottom, g.Frame.Y);
    }

    [Theory]
    [InlineData(1.85, 1920, 1080, 0, 21, 1920, 1038)]   // 1920 / 1.85 = 1037.8 -> 1038
    [InlineData(4.0 / 3, 1920, 1080, 240, 0, 1440, 1080)] // pillarbox
    [InlineData(16.0 / 9, 1920, 1080, 0, 0, 1920, 1080)]  // same aspect: the whole picture
    [InlineData(2.39, 3840, 2160, 0, 277, 3840, 1606)]  // 3840 / 2.39 = 1606.7 -> 1606
    [InlineData(1.0, 4096, 2160, 968, 0, 2160, 2160)]
    public void Letterbox_or_pillarbox_for_any_aspect(double aspect, int w, int h, int x, int y, int fw, int fh)
    {
        Assert.Equal(new PixelRect(x, y, fw, fh), FrameLineGeometry.For(w, h, new FrameLineParams(aspect)).Frame);
    }

    [Fact]
    public void The_overlay_shades_outside_draws_the_lines_inside_and_keeps_the_picture()
    {
        const int w = 1920, h = 1080;
        var p = new FrameLineParams(2.39) { Shade = 0.5f, LineWidth = 2 };
        var px = OverlayPixels.Fill(w, h, 0.8f, 0.6f, 0.4f);
        new FrameLineCpuRenderer(p).Apply(px, w, h);
        float R(int x, int y) => px[(y * w + x) * 4];
        for (int y = 0; y < h; y++)
        {
            float expected = y switch
            {
                < 138 or >= 942 => 0.4f,                   // shaded bars: 0.8 x (1 - 0.5)
                138 or 139 or 940 or 941 => p.LineColour.R, // two-pixel lines inside the frame
                _ => 0.8f,
            };
            Assert.Equal(expected, R(960, y));
        }
        Assert.Equal(p.LineColour.R, R(0, 500));  // left and right edges of the frame are lines too
        Assert.Equal(p.LineColour.R, R(1919, 500));
        Assert.Equal(0.8f, R(2, 500));
    }

    [Fact]
    public void Safe_areas_are_93_and_90_percent_of_the_frame_and_the_cross_is_centred()
    {
        var p = new FrameLineParams(16.0 / 9) { ActionSafe = true, TitleSafe = true, CentreCross = true };
        var g = FrameLineGeometry.For(1920, 1080, p);
        // 93%: 1785.6 x 1004.4 -> 1786 x 1004; 90%: 1728 x 972; both centred.
        Assert.Equal(new PixelRect(67, 38, 1786, 1004), g.ActionSafe);
        Assert.Equal(new PixelRect(96, 54, 1728, 972), g.TitleSafe);
        Assert.Equal(960, g.CrossH.X + g.CrossH.Width / 2);
        Assert.Equal(540, g.CrossV.Y + g.CrossV.Height / 2);
        var px = OverlayPixels.Fill(1920, 1080, 0.2f, 0.2f, 0.2f);
        new FrameLineCpuRenderer(p).Apply(px, 1920, 1080);
        Assert.Equal(p.SafeColour.R, px[(500 * 1920 + 67) * 4]);
        Assert.Equal(p.SafeColour.R, px[(54 * 1920 + 500) * 4]);
        Assert.Equal(p.CrossColour.R, px[(540 * 1920 + 960) * 4]);
        Assert.Equal(0.2f, px[(300 * 1920 + 300) * 4]);
    }

    [Fact]
    public void The_centre_cross_keeps_its_thickness_without_a_frame_line()
    {
        // Safe areas and the cross alone (the overlay verb's --cross, a live output's guides): no frame line.
        var p = new FrameLineParams(16.0 / 9) { LineWidth = 0, Shade = 0, CentreCross = true };
        var g = FrameLineGeometry.For(1920, 1080, p);
        Assert.Equal(2, g.CrossH.Height);
        Assert.Equal(2, g.CrossV.Width);
        var px = OverlayPixels.Fill(1920, 1080, 0.1f, 0.1f, 0.1f);
        new FrameLineCpuRenderer(p).Apply(px, 1920, 1080);
        Assert.Equal(p.CrossColour.R, px[(540 * 1920 + 960) * 4]); // the cross at the centre
        Assert.Equal(0.1f, px[(0 * 1920 + 0) * 4]);                // no frame line at the corner, no shade
        Assert.Equal(0.1f, px[(1079 * 1920 + 1919) * 4]);
    }
}
