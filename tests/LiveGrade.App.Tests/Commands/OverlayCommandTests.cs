using LiveGrade.Color.Overlays.FalseColor;
using LiveGrade.Interop.Oiio;

using Reference = LiveGrade.Color.Tests.Reference;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade overlay` on real files.</summary>
public class OverlayCommandTests
{
    private static string WriteFill(string dir, string name, int w, int h, float r, float g, float b)
    {
        var px = new float[w * h * 4];
        for (int i = 0; i < w * h; i++)
        {
            (px[i * 4], px[i * 4 + 1], px[i * 4 + 2], px[i * 4 + 3]) = (r, g, b, 1f);
        }
        string path = Path.Combine(dir, name);
        ImageFile.Write(path, new RgbaImage(w, h, px), ImageSampleFormat.Float);
        return path;
    }

    [Fact]
    public void Frame_lines_2_39_on_a_16_9_picture_shade_138_rows_top_and_bottom()
    {
        string dir = CliRunner.TempDir();
        string input = WriteFill(dir, "grey.exr", 1920, 1080, 0.5f, 0.5f, 0.5f);
        string output = Path.Combine(dir, "out.exr");
        var r = CliRunner.Run("overlay", input, "--frame-lines", "2.39", "--shade", "0.5", "-o", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var px = ImageFile.Read(output).Pixels;
        float At(int y) => px[(y * 1920 + 960) * 4];
        Assert.Equal(0.25f, At(0));
        Assert.Equal(0.25f, At(137));
        Assert.NotEqual(0.5f, At(138)); // the frame line
        Assert.Equal(0.5f, At(140));
        Assert.Equal(0.5f, At(939));
        Assert.NotEqual(0.5f, At(941));
        Assert.Equal(0.25f, At(942));
        Assert.Equal(0.25f, At(1079));
    }

    [Fact]
    public void False_colour_on_the_bars_paints_100_percent_white_red_and_leaves_75_percent_grey()
    {
        string dir = CliRunner.TempDir();
        string input = Path.Combine(dir, "bars.exr");
        ImageFile.Write(input, new RgbaImage(Reference.SmpteBars.Width, Reference.SmpteBars.Height, Reference.SmpteBars.Frame.ToRgb()), ImageSampleFormat.Float);
        string output = Path.Combine(dir, "fc.exr");
        var r = CliRunner.Run("overlay", input, "--false-color", "-o", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var px = ImageFile.Read(output).Pixels;
        float[] At(int x, int y) => px.AsSpan((y * 1920 + x) * 4, 3).ToArray();
        var red = FalseColorParams.DefaultIreBands.Single(b => b.Name == "red").Colour;
        var pink = FalseColorParams.DefaultIreBands.Single(b => b.Name == "pink").Colour;
        Assert.Equal(new[] { red.R, red.G, red.B }, At(700, 1000));    // 100% white (code 940), bottom row
        Assert.Equal(new[] { pink.R, pink.G, pink.B }, At(500, 100));  // 75% yellow: Y' code 672 = 69.4 IRE
        float grey = (720 - 64) / 876f;                                // 75% white: 74.9 IRE, in no band
        Assert.Equal(new[] { grey, grey, grey }, At(300, 100));
    }

    [Fact]
    public void Zebra_and_clip_and_compare_run_and_bad_values_fail_with_one_line()
    {
        string dir = CliRunner.TempDir();
        string a = WriteFill(dir, "a.exr", 64, 36, 0.99f, 0.99f, 0.99f);
        string b = WriteFill(dir, "b.exr", 64, 36, 0.1f, 0.1f, 0.1f);
        string small = WriteFill(dir, "small.exr", 32, 18, 0.1f, 0.1f, 0.1f);
        string o = Path.Combine(dir, "o.exr");
        Assert.Equal(0, CliRunner.Run("overlay", a, "--zebra", "70", "--zebra", "95", "-o", o).ExitCode);
        Assert.Equal(0, CliRunner.Run("overlay", a, "--clip", "-o", o).ExitCode);
        Assert.Equal(0, CliRunner.Run("overlay", a, "--compare", b, "--wipe", "30@0.4,0.6", "-o", o).ExitCode);
        var px = ImageFile.Read(o).Pixels;
        Assert.Equal(0.99f, px[0]);                       // top-left: A
        Assert.Equal(0.1f, px[(35 * 64 + 63) * 4]);       // bottom-right: B

        foreach (string[] bad in new[]
        {
            new[] { "--zebra", "high" },
            new[] { "--zebra", "70", "--zebra", "80", "--zebra", "90" },
            new[] { "--frame-lines", "wide" },
            new[] { "--band", "10:5:red" },
            new[] { "--band", "10:20:notacolour" },
            new[] { "--compare", small, "--split", "0.5" },
            new[] { "--split", "0.5" },
            new[] { "--stops", "rec709" },
            Array.Empty<string>(),
        })
        {
            var r = CliRunner.Run(["overlay", a, .. bad, "-o", o]);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', bad)}: exit {r.ExitCode}, {r.Stderr}");
            Assert.StartsWith("error: ", r.Stderr);
            Assert.Single(r.Stderr.Trim().Split('\n'));
        }
    }
}
