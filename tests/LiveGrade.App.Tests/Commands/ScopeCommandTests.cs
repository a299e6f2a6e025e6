using System.Globalization;
using LiveGrade.Interop.Oiio;

using Reference = LiveGrade.Color.Tests.Reference;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade scope` on the SMPTE bars: the picture, the CSV numbers, and signalstats agreement.</summary>
public class ScopeCommandTests
{
    private static readonly Lazy<string> s_barsExr = new(() =>
    {
        // The bars as exact R'G'B' floats, so the scope recomputes ffmpeg's own 10-bit codes.
        string path = Path.Combine(CliRunner.TempDir(), "bars.exr");
        ImageFile.Write(path, new RgbaImage(Reference.SmpteBars.Width, Reference.SmpteBars.Height, Reference.SmpteBars.Frame.ToRgb()), ImageSampleFormat.Float);
        return path;
    });

    private static string BarsExr => s_barsExr.Value;

    /// <summary>The luma statistics line of a CSV: min, p10, mean, p90, max.</summary>
    private static (int Min, int Low, double Mean, int High, int Max) Stats(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var v = lines[2].TrimStart('#', ' ').Split(',');
        return (int.Parse(v[0], CultureInfo.InvariantCulture), int.Parse(v[1], CultureInfo.InvariantCulture),
            double.Parse(v[2], CultureInfo.InvariantCulture), int.Parse(v[3], CultureInfo.InvariantCulture), int.Parse(v[4], CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string[]> Rows(string csv) =>
        File.ReadLines(csv).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(','));

    [Theory]
    [InlineData("waveform", 4)]
    [InlineData("parade", 4)]
    [InlineData("vectorscope", 4)]
    [InlineData("histogram", 2)]
    public void Writes_a_picture_and_a_csv_whose_counts_cover_every_pixel(string type, int countColumn)
    {
        string dir = CliRunner.TempDir();
        string png = Path.Combine(dir, "scope.png"), csv = Path.Combine(dir, "scope.csv");
        var r = CliRunner.Run("scope", BarsExr, "--type", type, "-o", png, "--csv", csv);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("luma (10-bit codes): min 0  p10 64  mean 414.538  p90 720  max 1016", r.Stdout);
        var picture = ImageFile.Read(png);
        Assert.True(picture.Width > 500 && picture.Height > 300, $"{picture.Width}x{picture.Height}");

        long total = Rows(csv).Sum(row => long.Parse(row[countColumn], CultureInfo.InvariantCulture));
        int channels = type == "parade" ? 3 : 1;
        Assert.Equal((long)Reference.SmpteBars.Width * Reference.SmpteBars.Height * channels, total);
        if (type == "histogram")
        {
            Assert.Equal(1024, Rows(csv).Count());
        }
    }

    [Fact]
    public void Luma_statistics_in_the_csv_equal_ffmpeg_signalstats_on_the_same_10_bit_frame()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "h.csv");
        var r = CliRunner.Run("scope", BarsExr, "--type", "histogram", "-o", Path.Combine(dir, "h.png"), "--csv", csv);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var ours = Stats(csv);
        var ffmpeg = Reference.Ffmpeg.SignalStats(Reference.SmpteBars.Frame.RawPath, Reference.SmpteBars.Width, Reference.SmpteBars.Height, "yuv422p10le");
        Assert.Equal((ffmpeg.Min, ffmpeg.Low, ffmpeg.High, ffmpeg.Max), (ours.Min, ours.Low, ours.High, ours.Max));
        // signalstats prints YAVG with 6 significant digits: 414.538 is good to 0.0005.
        Assert.True(Math.Abs(ours.Mean - ffmpeg.Avg) <= 0.0005, $"{ours.Mean} vs {ffmpeg.Avg}");
    }

    [Fact]
    public void The_look_moves_the_signal_and_the_tap_chooses_before_or_after_it()
    {
        // A CDL offset of 0.1 lifts every code by 87.6: the 75% white bar (720) to 808.
        string dir = CliRunner.TempDir();
        string after = Path.Combine(dir, "after.csv"), before = Path.Combine(dir, "before.csv");
        string[] look = ["--cdl", "1 1 1 0.1 0.1 0.1 1 1 1 1"];
        Assert.Equal(0, CliRunner.Run(["scope", BarsExr, "--type", "histogram", "-o", Path.Combine(dir, "a.png"), "--csv", after, .. look]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["scope", BarsExr, "--type", "histogram", "-o", Path.Combine(dir, "b.png"), "--csv", before, "--tap", "before-look", .. look]).ExitCode);
        Assert.Equal(720, Stats(before).High);
        Assert.Equal(808, Stats(after).High);
        Assert.Contains("after look", File.ReadLines(after).First());
        Assert.Contains("before look", File.ReadLines(before).First());
    }

    [Fact]
    public void Waveform_csv_puts_the_75_percent_bars_on_their_levels()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "w.csv");
        Assert.Equal(0, CliRunner.Run("scope", BarsExr, "--type", "waveform", "--columns", "8", "-o", Path.Combine(dir, "w.png"), "--csv", csv).ExitCode);
        // 8 columns of 240 image columns: column 2 (x 480..719) is the 75% cyan bar (x 652..857) and yellow (446..651).
        var column2 = Rows(csv).Where(row => row[0] == "Y" && row[1] == "2").ToDictionary(row => int.Parse(row[2], CultureInfo.InvariantCulture), row => long.Parse(row[4], CultureInfo.InvariantCulture));
        Assert.Equal((651 - 480 + 1) * 630L, column2[672]);  // ffmpeg's 75% yellow (RP 219: 674)
        Assert.Equal((719 - 652 + 1) * 630L, column2[580]);  // 75% cyan (RP 219: 581)
    }

    [Theory]
    [InlineData("--type", "bogus")]
    [InlineData("--matrix", "601")]
    [InlineData("--bins", "300")]
    [InlineData("--tap", "after-display")]
    [InlineData("--columns", "5000")]
    public void Bad_options_fail_with_one_line(string option, string value)
    {
        string dir = CliRunner.TempDir();
        string[] args = option == "--type"
            ? ["scope", BarsExr, option, value, "-o", Path.Combine(dir, "x.png")]
            : ["scope", BarsExr, "--type", "waveform", option, value, "-o", Path.Combine(dir, "x.png")];
        var r = CliRunner.Run(args);
        Assert.NotEqual(0, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "x.png")));
    }

    [Fact]
    public void A_malformed_image_is_an_input_error()
    {
        string dir = CliRunner.TempDir();
        string bad = Path.Combine(dir, "bad.exr");
        File.WriteAllText(bad, "not an image");
        var r = CliRunner.Run("scope", bad, "--type", "waveform", "-o", Path.Combine(dir, "x.png"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    [Trait("Category", "Gpu")]
    public void The_GPU_gives_the_same_numbers_and_picture_as_the_CPU()
    {
        string dir = CliRunner.TempDir();
        foreach (string type in new[] { "waveform", "vectorscope", "histogram" })
        {
            string cpuCsv = Path.Combine(dir, $"{type}-cpu.csv"), gpuCsv = Path.Combine(dir, $"{type}-gpu.csv");
            string cpuPng = Path.Combine(dir, $"{type}-cpu.png"), gpuPng = Path.Combine(dir, $"{type}-gpu.png");
            var cpu = CliRunner.Run("scope", BarsExr, "--type", type, "--mode", "rgb", "-o", cpuPng, "--csv", cpuCsv);
            var gpu = CliRunner.Run("scope", BarsExr, "--type", type, "--mode", "rgb", "-o", gpuPng, "--csv", gpuCsv, "--gpu");
            Assert.True(cpu.ExitCode == 0 && gpu.ExitCode == 0, cpu.Stderr + gpu.Stderr);
            Assert.Equal(File.ReadAllText(cpuCsv), File.ReadAllText(gpuCsv));
            // 8-bit pictures: the trace brightness differs by at most 6e-8 before quantising (GpuScopesTests),
            // which can move a value across an 8-bit rounding edge by one step.
            var a = ImageFile.Read(cpuPng).Pixels;
            var b = ImageFile.Read(gpuPng).Pixels;
            Assert.Equal(a.Length, b.Length);
            Assert.True(a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1.01f / 255), type);
        }
    }
}
