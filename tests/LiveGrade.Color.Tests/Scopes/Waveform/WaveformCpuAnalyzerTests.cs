using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Color.Tests.Reference;

namespace LiveGrade.Color.Tests.Scopes.Waveform;

/// <summary>The waveform on SMPTE RP 219 bars (ffmpeg's smptehdbars) and on constructed pictures.</summary>
public class WaveformCpuAnalyzerTests
{
    /// <summary>
    /// RP 219 (table 2, 10-bit) luma of the top row: 40% grey, then 75% white, yellow, cyan, green, magenta,
    /// red, blue. ffmpeg stores the bars as 8-bit codes shifted left by two, so its levels sit within
    /// <see cref="Ffmpeg8BitRounding"/> of these.
    /// </summary>
    private static readonly (string Name, int Y)[] Rp219TopRow =
        [("75% white", 721), ("75% yellow", 674), ("75% cyan", 581), ("75% green", 534), ("75% magenta", 251), ("75% red", 204), ("75% blue", 111)];

    private const int Rp219Grey40 = 414;

    /// <summary>Half an 8-bit step in 10-bit codes: ffmpeg's 8-bit bar colours round to within 2 codes of RP 219.</summary>
    private const int Ffmpeg8BitRounding = 2;

    [Fact]
    public void Every_column_and_level_of_the_bars_equals_the_luma_codes_ffmpeg_wrote()
    {
        var bars = SmpteBars.Frame;
        var p = new WaveformParams(WaveformParams.ColumnsFor(SmpteBars.Width, 1024), rgb: false, YCbCrMatrix.Rec709);
        Assert.Equal(960, p.Columns);
        var counts = new WaveformCounts(p);
        WaveformCpuAnalyzer.Analyze(bars.ToRgb(), SmpteBars.Width, SmpteBars.Height, counts);

        // Independent count straight from the Y plane: no RGB, no matrix.
        var expected = new uint[counts.Counts.Length];
        for (int y = 0; y < SmpteBars.Height; y++)
        {
            for (int x = 0; x < SmpteBars.Width; x++)
            {
                expected[x * p.Columns / SmpteBars.Width * VideoLevels.Codes + bars.Y[y * SmpteBars.Width + x]]++;
            }
        }
        Assert.Equal(expected, counts.Counts);
        Assert.Equal(1080L * 2, counts.SamplesPerColumn);
    }

    [Fact]
    public void The_75_percent_bars_land_on_the_RP_219_luma_levels()
    {
        var counts = new WaveformCounts(new WaveformParams(960, rgb: false, YCbCrMatrix.Rec709));
        WaveformCpuAnalyzer.Analyze(SmpteBars.Frame.ToRgb(), SmpteBars.Width, SmpteBars.Height, counts);
        int samplesPerColumn = 2; // 1920 -> 960 columns
        for (int bar = 0; bar < Rp219TopRow.Length; bar++)
        {
            int column = (SmpteBars.FirstBarX + bar * SmpteBars.BarWidth + SmpteBars.BarWidth / 2) / 2;
            int level = StrongestLevelNear(counts, column, Rp219TopRow[bar].Y, SmpteBars.TopRows * samplesPerColumn);
            Assert.True(level >= 0, $"{Rp219TopRow[bar].Name}: no trace of {SmpteBars.TopRows} rows within {Ffmpeg8BitRounding} codes of {Rp219TopRow[bar].Y} in column {column}");
        }
        Assert.True(StrongestLevelNear(counts, 60, Rp219Grey40, SmpteBars.TopRows * samplesPerColumn) >= 0, "40% grey");
    }

    [Fact]
    public void The_bottom_row_PLUGE_and_100_percent_white_land_on_their_levels()
    {
        var counts = new WaveformCounts(new WaveformParams(1920, rgb: false, YCbCrMatrix.Rec709));
        WaveformCpuAnalyzer.Analyze(SmpteBars.Frame.ToRgb(), SmpteBars.Width, SmpteBars.Height, counts);
        const int bottomRows = 1080 - 810;
        // RP 219 pattern 4: 100% white (940) at x 549..960, PLUGE -2% (46), 0% (64), +2% (82), +4% (99).
        (string Name, int X, int Y)[] marks = [("100% white", 700, 940), ("-2% black", 1140, 46), ("+2% black", 1280, 82), ("+4% black", 1420, 99), ("0% black", 1600, 64)];
        foreach (var (name, x, y) in marks)
        {
            Assert.True(StrongestLevelNear(counts, x, y, bottomRows) >= 0, $"{name}: no {bottomRows}-row trace within {Ffmpeg8BitRounding} codes of {y} at column {x}");
        }
    }

    private static int StrongestLevelNear(WaveformCounts counts, int column, int level, int atLeast)
    {
        for (int l = level - Ffmpeg8BitRounding; l <= level + Ffmpeg8BitRounding; l++)
        {
            if (counts[0, column, l] >= atLeast)
            {
                return l;
            }
        }
        return -1;
    }

    [Fact]
    public void RGB_parade_counts_each_channel_at_its_own_level()
    {
        // 75% yellow: R' = G' = 0.75 (code 721), B' = 0 (code 64).
        var px = Fill(8, 4, 0.75f, 0.75f, 0f);
        var counts = new WaveformCounts(new WaveformParams(8, rgb: true, YCbCrMatrix.Rec709));
        WaveformCpuAnalyzer.Analyze(px, 8, 4, counts);
        for (int column = 0; column < 8; column++)
        {
            Assert.Equal(4u, counts[0, column, 721]);
            Assert.Equal(4u, counts[1, column, 721]);
            Assert.Equal(4u, counts[2, column, 64]);
        }
        Assert.Equal(8L * 4 * 3, counts.Counts.Sum(c => (long)c));
    }

    [Fact]
    public void Columns_not_dividing_the_width_still_count_every_pixel_once()
    {
        var px = RandomPixels.Uniform(1000 * 7, -0.1, 1.1, 5);
        var counts = new WaveformCounts(new WaveformParams(333, rgb: false, YCbCrMatrix.Rec709));
        WaveformCpuAnalyzer.Analyze(px, 1000, 7, counts);
        Assert.Equal(7000L, counts.Counts.Sum(c => (long)c));
        // Column c receives image columns x with x * 333 / 1000 == c: 3 or 4 of them, times 7 rows.
        for (int c = 0; c < 333; c++)
        {
            long n = 0;
            for (int l = 0; l < VideoLevels.Codes; l++)
            {
                n += counts[0, c, l];
            }
            int xs = Enumerable.Range(0, 1000).Count(x => x * 333 / 1000 == c);
            Assert.Equal(7L * xs, n);
        }
        Assert.Equal(7L * 4, counts.SamplesPerColumn);
    }

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.NegativeInfinity, 0)]
    [InlineData(float.PositiveInfinity, 1023)]
    [InlineData(-0.0731f, 0)]      // -64/876 lands on code 0
    [InlineData(1.0947f, 1023)]    // 959/876 is code 1023
    [InlineData(5f, 1023)]
    [InlineData(0.5f, 502)]        // 64 + 438
    public void Out_of_range_and_non_finite_values_clamp_to_the_code_range(float v, int code)
    {
        Assert.Equal(code, VideoLevels.LumaCode(v));
    }

    [Fact]
    public void Rounding_is_half_up_at_exact_code_boundaries()
    {
        // 0.125 * 876 = 109.5 and 0.375 * 876 = 328.5 exactly in binary floating point: half-way cases.
        Assert.Equal(174, VideoLevels.LumaCode(0.125f));
        Assert.Equal(393, VideoLevels.LumaCode(0.375f));
        Assert.Equal(173, VideoLevels.LumaCode(0.1249f));
    }

    private static float[] Fill(int w, int h, float r, float g, float b)
    {
        var px = new float[w * h * 4];
        for (int i = 0; i < w * h; i++)
        {
            (px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]) = (r, g, b, 1f);
        }
        return px;
    }
}
