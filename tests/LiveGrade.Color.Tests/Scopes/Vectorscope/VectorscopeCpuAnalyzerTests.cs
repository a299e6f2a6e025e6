using LiveGrade.Color.Charts;
using LiveGrade.Color.Ops.Transfer;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Tests.Reference;

namespace LiveGrade.Color.Tests.Scopes.Vectorscope;

/// <summary>Vectorscope targets against SMPTE RP 219's table, and the bars landing on them.</summary>
public class VectorscopeCpuAnalyzerTests
{
    /// <summary>RP 219 table 2 (10-bit) Cb and Cr of the 75% bars (the six colours).</summary>
    private static readonly Dictionary<string, (int Cb, int Cr)> Rp219At75 = new()
    {
        ["YL"] = (176, 543), ["CY"] = (589, 176), ["G"] = (253, 207), ["MG"] = (771, 817), ["R"] = (435, 848), ["B"] = (848, 481),
    };

    /// <summary>RP 219 (10-bit) Cb and Cr of the 100% bars in pattern rows 2 and 3.</summary>
    private static readonly Dictionary<string, (int Cb, int Cr)> Rp219At100 = new()
    {
        ["CY"] = (615, 64), ["B"] = (960, 471), ["YL"] = (64, 553), ["R"] = (409, 960),
    };

    [Fact]
    public void Rec709_targets_are_the_RP_219_code_values()
    {
        foreach (var t in VectorscopeTargets.For(YCbCrMatrix.Rec709, 0.75))
        {
            Assert.Equal(Rp219At75[t.Label], ((int)System.Math.Round(t.CbCode), (int)System.Math.Round(t.CrCode)));
        }
        foreach (var t in VectorscopeTargets.For(YCbCrMatrix.Rec709, 1.0).Where(t => Rp219At100.ContainsKey(t.Label)))
        {
            Assert.Equal(Rp219At100[t.Label], ((int)System.Math.Round(t.CbCode), (int)System.Math.Round(t.CrCode)));
        }
    }

    [Fact]
    public void The_bars_land_in_the_target_bins_with_their_whole_area()
    {
        var p = new VectorscopeParams(512, YCbCrMatrix.Rec709);
        var counts = new VectorscopeCounts(p);
        VectorscopeCpuAnalyzer.Analyze(SmpteBars.Frame.ToRgb(), SmpteBars.Width, SmpteBars.Height, counts);

        // Each 75% bar is 206 x 630 pixels; ffmpeg's 8-bit colours are within 2 codes (one bin at 512) of RP 219.
        foreach (var (label, (cb, cr)) in Rp219At75)
        {
            Assert.Equal((uint)(SmpteBars.BarWidth * SmpteBars.TopRows), Window(counts, cb, cr));
        }
        // Rows 2 and 3 (90 rows each): 100% cyan and yellow 240 wide at the left, blue and red 238 wide at the right.
        Assert.Equal(240u * 90, Window(counts, Rp219At100["CY"].Cb, Rp219At100["CY"].Cr));
        Assert.Equal(240u * 90, Window(counts, Rp219At100["YL"].Cb, Rp219At100["YL"].Cr));
        Assert.Equal(238u * 90, Window(counts, Rp219At100["B"].Cb, Rp219At100["B"].Cr));
        Assert.Equal(238u * 90, Window(counts, Rp219At100["R"].Cb, Rp219At100["R"].Cr));
        Assert.Equal((long)SmpteBars.Width * SmpteBars.Height, counts.Counts.Sum(c => (long)c));
    }

    /// <summary>Counts in the 3 x 3 bins around the bin of a (Cb, Cr) code pair: plus or minus 2 codes at 512 bins.</summary>
    private static uint Window(VectorscopeCounts counts, int cbCode, int crCode)
    {
        int cb = counts.Params.Bin(cbCode), cr = counts.Params.Bin(crCode);
        uint n = 0;
        for (int j = cr - 1; j <= cr + 1; j++)
        {
            for (int i = cb - 1; i <= cb + 1; i++)
            {
                n += counts[i, j];
            }
        }
        return n;
    }

    [Fact]
    public void Bars_encoded_with_Rec2020_weights_land_on_the_Rec2020_targets_not_the_Rec709_ones()
    {
        var targets2020 = VectorscopeTargets.For(YCbCrMatrix.Rec2020, 0.75);
        var targets709 = VectorscopeTargets.For(YCbCrMatrix.Rec709, 0.75);
        (double R, double G, double B)[] bars = [(0.75, 0, 0), (0.75, 0, 0.75), (0, 0, 0.75), (0, 0.75, 0.75), (0, 0.75, 0), (0.75, 0.75, 0)];
        var px = new float[bars.Length * 4];
        for (int i = 0; i < bars.Length; i++)
        {
            (px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]) = ((float)bars[i].R, (float)bars[i].G, (float)bars[i].B, 1f);
        }
        var p = new VectorscopeParams(1024, YCbCrMatrix.Rec2020);
        var counts = new VectorscopeCounts(p);
        VectorscopeCpuAnalyzer.Analyze(px, bars.Length, 1, counts);
        for (int i = 0; i < bars.Length; i++)
        {
            var t = targets2020[i];
            Assert.Equal(1u, counts[(int)System.Math.Round(t.CbCode), (int)System.Math.Round(t.CrCode)]);
            var old = targets709[i];
            Assert.Equal(0u, counts[(int)System.Math.Round(old.CbCode), (int)System.Math.Round(old.CrCode)]);
        }
    }

    [Theory]
    [InlineData(0, "dark skin")]
    [InlineData(1, "light skin")]
    public void ColorChecker_skin_patches_lie_on_the_skin_tone_line(int patch, string name)
    {
        // The chart's patches are BabelColor's sRGB averages decoded to linear; re-encode them.
        var (r, g, b) = SyntheticChart.CheckerLinearRec709[patch];
        var srgb = SrgbCurve.Instance;
        var (_, cb, cr) = YCbCrMatrix.Rec709.ToYCbCr(srgb.Encode(r), srgb.Encode(g), srgb.Encode(b));
        double angle = System.Math.Atan2(cr, cb) * 180 / System.Math.PI;
        // Skin of every complexion falls within a few degrees of the I axis; 5 degrees is the inner target box
        // width of broadcast vectorscopes.
        Assert.True(System.Math.Abs(angle - VectorscopeTargets.SkinToneAngleDegrees) < 5, $"{name} at {angle:F1} degrees");
    }

    [Fact]
    public void Red_sits_near_103_degrees_in_Rec709_as_on_every_vectorscope()
    {
        var red = VectorscopeTargets.For(YCbCrMatrix.Rec709, 1.0).Single(t => t.Label == "R");
        Assert.InRange(red.AngleDegrees, 102.5, 103.5);
    }
}
