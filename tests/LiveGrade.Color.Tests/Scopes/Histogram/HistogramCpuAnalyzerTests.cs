using LiveGrade.Color.Charts;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Scopes.Histogram;

/// <summary>Histograms of ramps, and luma statistics against ffmpeg's signalstats filter.</summary>
public class HistogramCpuAnalyzerTests(ITestOutputHelper output)
{
    [Fact]
    public void A_ramp_with_two_pixels_per_code_gives_a_perfectly_flat_histogram()
    {
        // 1754 = 2 x 877 columns: column x carries code 64 + x / 2, so codes 64..940 each get 2 pixels a row.
        const int w = 2 * 877, h = 4;
        var px = new float[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float v = (x / 2) / 876f;
                int i = (y * w + x) * 4;
                (px[i], px[i + 1], px[i + 2], px[i + 3]) = (v, v, v, 1f);
            }
        }
        var hist = new HistogramCounts(YCbCrMatrix.Rec709);
        HistogramCpuAnalyzer.Analyze(px, w, h, hist);
        for (int channel = 0; channel < HistogramCounts.Channels; channel++)
        {
            for (int code = 0; code < VideoLevels.Codes; code++)
            {
                Assert.Equal(code is >= 64 and <= 940 ? 8u : 0u, hist[channel, code]);
            }
        }
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 16)]
    [InlineData(1000, 3)]
    public void A_continuous_ramp_fills_every_code_with_floor_or_ceiling_of_the_mean(int w, int h)
    {
        // v = x / (w - 1) from black to 100% white: 877 codes share w columns, so each code gets
        // floor(w / 877) or that plus one or two columns (rounding at both ends takes half a bin each).
        var px = new float[w * h * 4];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                float v = x / (float)(w - 1);
                int i = (y * w + x) * 4;
                (px[i], px[i + 1], px[i + 2], px[i + 3]) = (v, v, v, 1f);
            }
        }
        var hist = new HistogramCounts(YCbCrMatrix.Rec709);
        HistogramCpuAnalyzer.Analyze(px, w, h, hist);
        double perCode = (w - 1) / 876.0; // columns per code step
        for (int code = 65; code <= 939; code++)
        {
            double columns = hist[HistogramCounts.Luma, code] / (double)h;
            Assert.True(System.Math.Abs(columns - perCode) <= 1, $"code {code}: {columns} columns, expected {perCode:F2} +- 1");
        }
        Assert.Equal((long)w * h, hist.Channel(HistogramCounts.Luma).ToArray().Sum(c => (long)c));
    }

    [Fact]
    public void Luma_statistics_of_the_bars_equal_ffmpeg_signalstats()
    {
        var bars = SmpteBars.Frame;
        var hist = new HistogramCounts(YCbCrMatrix.Rec709);
        HistogramCpuAnalyzer.Analyze(bars.ToRgb(), SmpteBars.Width, SmpteBars.Height, hist);
        var ours = LumaStatistics.From(hist);
        var ffmpeg = Ffmpeg.SignalStats(bars.RawPath, SmpteBars.Width, SmpteBars.Height, "yuv422p10le");
        output.WriteLine($"LiveGrade {ours}; ffmpeg signalstats {ffmpeg}");
        AssertSame(ours, ffmpeg);
    }

    [Fact]
    public void Luma_statistics_of_the_graded_camera_chart_equal_ffmpeg_signalstats()
    {
        // The built-in chart encoded in LogC3 (no OCIO-backed op, so this stays in the colour project): a
        // frame with hundreds of distinct codes and no flat percentile edges.
        const int w = 1280, h = 720;
        var px = SyntheticChart.RenderEncoded(w, h, ColorSpaceRegistry.Get("ARRI LogC3 (EI800)"));
        var hist = new HistogramCounts(YCbCrMatrix.Rec709);
        HistogramCpuAnalyzer.Analyze(px, w, h, hist);
        var ours = LumaStatistics.From(hist);

        // Hand ffmpeg the same luma codes (our quantisation) as a 10-bit frame: this checks the statistics
        // (percentile rule, mean), not the quantisation, which other tests check against ffmpeg's own planes.
        var weights = YCbCrMatrix.Rec709.Weights();
        var luma = new ushort[w * h];
        for (int i = 0; i < luma.Length; i++)
        {
            luma[i] = (ushort)VideoLevels.LumaCode(weights.Luma(px[i * 4], px[i * 4 + 1], px[i * 4 + 2]));
        }
        string path = Path.Combine(Path.GetTempPath(), $"livegrade-chart-{Environment.ProcessId}.yuv");
        Ffmpeg.WriteLuma444(path, luma, w, h);
        var ffmpeg = Ffmpeg.SignalStats(path, w, h, "yuv444p10le");
        File.Delete(path);
        output.WriteLine($"LiveGrade {ours}; ffmpeg signalstats {ffmpeg}");
        AssertSame(ours, ffmpeg);
    }

    [Fact]
    public void Percentiles_follow_signalstats_rounding_on_a_small_histogram()
    {
        // 15 pixels: lrint(1.5) = 2 (half to even) -> YLOW is the code holding the 2nd pixel;
        // lrint(13.5) = 14 -> YHIGH the code holding the 14th.
        var luma = new uint[VideoLevels.Codes];
        luma[100] = 1;
        luma[200] = 1;
        luma[300] = 11;
        luma[400] = 1;
        luma[500] = 1;
        var s = LumaStatistics.From(luma);
        Assert.Equal((100, 200, 400, 500), (s.Min, s.Low, s.High, s.Max));
        Assert.Equal((100 + 200 + 11 * 300 + 400 + 500) / 15.0, s.Mean, 12);
    }

    /// <summary>
    /// Integers exactly; the mean to the 6 significant digits signalstats prints (%g): within half a unit of
    /// the sixth digit (0.0005 for a mean in the hundreds).
    /// </summary>
    private static void AssertSame(LumaStatistics ours, (int Min, int Low, double Avg, int High, int Max) ffmpeg)
    {
        Assert.Equal((ffmpeg.Min, ffmpeg.Low, ffmpeg.High, ffmpeg.Max), (ours.Min, ours.Low, ours.High, ours.Max));
        double halfUnit = 0.5 * System.Math.Pow(10, System.Math.Floor(System.Math.Log10(System.Math.Abs(ffmpeg.Avg))) - 5);
        Assert.True(System.Math.Abs(ours.Mean - ffmpeg.Avg) <= halfUnit * 1.0001, $"mean {ours.Mean} vs YAVG {ffmpeg.Avg} (print precision {halfUnit})");
    }
}
