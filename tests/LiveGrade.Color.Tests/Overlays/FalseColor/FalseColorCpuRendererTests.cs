using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Spaces;

namespace LiveGrade.Color.Tests.Overlays.FalseColor;

public class FalseColorCpuRendererTests
{
    [Theory]
    // IRE -> code (64 + 8.76 IRE, rounded), and the band RED documents for that IRE.
    [InlineData(-5, "purple")]
    [InlineData(0, "purple")]
    [InlineData(4, "purple")]
    [InlineData(5, "blue")]
    [InlineData(6, null)]
    [InlineData(10, "teal")]
    [InlineData(12, "teal")]
    [InlineData(13, null)]
    [InlineData(40, null)]
    [InlineData(41, "green")]
    [InlineData(48, "green")]
    [InlineData(49, null)]
    [InlineData(61, "pink")]
    [InlineData(70, "pink")]
    [InlineData(92, "straw")]
    [InlineData(94, "yellow")]
    [InlineData(96, "orange")]
    [InlineData(98, "orange")]
    [InlineData(99, "red")]
    [InlineData(100, "red")]
    [InlineData(108, "red")]
    public void Default_ramp_paints_whole_IRE_values_in_their_band(int ire, string? band)
    {
        int code = (int)System.Math.Round(VideoLevels.IreToCode(ire));
        var p = FalseColorParams.DefaultIre(YCbCrMatrix.Rec709);
        var px = OverlayPixels.GreyCodes(code);
        new FalseColorCpuRenderer(p).Apply(px);
        var expected = band is null ? (Rgb?)null : FalseColorParams.DefaultIreBands.Single(b => b.Name == band).Colour;
        if (expected is { } c)
        {
            Assert.Equal((c.R, c.G, c.B), (px[0], px[1], px[2]));
        }
        else
        {
            // Outside every band: the pixel shows its own luma as grey.
            float grey = (code - 64) / 876f;
            Assert.Equal(grey, px[0], 6);
            Assert.Equal(px[0], px[1]);
            Assert.Equal(px[0], px[2]);
        }
    }

    [Fact]
    public void Band_edges_sit_half_an_IRE_outside_the_whole_values()
    {
        var table = FalseColorParams.DefaultIre(YCbCrMatrix.Rec709).BuildTable();
        // Green is 40.5..48.5 IRE = codes 418.8..488.9: codes 419..488.
        Assert.Null(table.Entries[418]);
        Assert.NotNull(table.Entries[419]);
        Assert.NotNull(table.Entries[488]);
        Assert.Null(table.Entries[489]);
    }

    [Fact]
    public void Luma_not_the_channels_picks_the_band()
    {
        // 100% blue has Y' 0.0722 (code 127, 7.2 IRE): no band, so it shows as dark grey, not red.
        var px = OverlayPixels.Fill(1, 1, 0f, 0f, 1f);
        new FalseColorCpuRenderer(FalseColorParams.DefaultIre(YCbCrMatrix.Rec709)).Apply(px);
        Assert.Equal(0.0722f, px[0], 4);
        Assert.Equal(px[0], px[2]);
    }

    [Fact]
    public void Stops_bands_follow_the_camera_curve_around_18_percent_grey()
    {
        var logc3 = ColorSpaceRegistry.Get("ARRI LogC3 (EI800)");
        var p = FalseColorParams.DefaultStops(YCbCrMatrix.Rec709, logc3);
        var table = p.BuildTable();
        // LogC3 EI800 puts 18% grey at 0.391 of the signal (ARRI): code 64 + 0.391 * 876 = 406.5.
        int grey = (int)System.Math.Round(VideoLevels.SignalToCode(0.3910));
        Assert.Equal(0.0, table.Values[grey], 0.05);
        Assert.Equal("green", FalseColorParams.DefaultStopsBands.Single(b => b.Colour == table.Entries[grey]).Name);
        // One stop over grey in LogC3 is about 0.0742 of signal higher (ARRI: 0.0741 per stop above the toe).
        int oneOver = (int)System.Math.Round(VideoLevels.SignalToCode(0.3910 + 0.0741));
        Assert.Equal(1.0, table.Values[oneOver], 0.05);
        Assert.Equal("pink", FalseColorParams.DefaultStopsBands.Single(b => b.Colour == table.Entries[oneOver]).Name);
    }

    [Fact]
    public void User_bands_replace_the_ramp_and_the_first_match_wins()
    {
        var bands = new[]
        {
            new FalseColorBand(40, 60, new Rgb(0, 1, 0), "a"),
            new FalseColorBand(50, 70, new Rgb(1, 0, 0), "b"),
        };
        var table = new FalseColorParams(FalseColorUnit.Ire, bands, YCbCrMatrix.Rec709).BuildTable();
        Assert.Equal(new Rgb(0, 1, 0), table.Entries[(int)VideoLevels.IreToCode(55)]);
        Assert.Equal(new Rgb(1, 0, 0), table.Entries[(int)VideoLevels.IreToCode(65)]);
        Assert.Null(table.Entries[(int)VideoLevels.IreToCode(20)]);
        Assert.Throws<ArgumentException>(() => new FalseColorParams(FalseColorUnit.Ire, [new FalseColorBand(5, 5, Rgb.White, "empty")], YCbCrMatrix.Rec709));
        Assert.Throws<ArgumentException>(() => new FalseColorParams(FalseColorUnit.Stops, bands, YCbCrMatrix.Rec709));
    }
}
