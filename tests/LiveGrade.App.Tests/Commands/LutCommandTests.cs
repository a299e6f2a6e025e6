using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Interop.Ocio;
using LiveGrade.Interop.Oiio;
using Reference = LiveGrade.Color.Tests.Reference;

namespace LiveGrade.App.Tests.Commands;

/// <summary>LUTs on the command line, checked against OpenColorIO reading the same files.</summary>
public class LutCommandTests
{
    private static string WriteCube(string dir, int size = 17)
    {
        // A smooth, strongly non-linear grade (cross-talk, contrast, a hue twist), so interpolation matters.
        var lut = Lut3DOpData.FromFunction(size, (r, g, b) =>
            (Math.Pow(0.8 * r + 0.15 * g + 0.05 * b, 0.8), 0.5 + 0.5 * Math.Sin(2.5 * g - 0.3 * b), b * b * 0.9 + 0.05 * r));
        string path = Path.Combine(dir, "look.cube");
        LutFormats.Write(new LutFile(null, lut, "test look"), path);
        return path;
    }

    private static string WriteExr(string dir, int seed)
    {
        string path = Path.Combine(dir, $"in{seed}.exr");
        ImageFile.Write(path, new RgbaImage(200, 100, Reference.RandomPixels.Uniform(200 * 100, -0.1, 1.1, seed)), ImageSampleFormat.Float);
        return path;
    }

    [Theory]
    [InlineData("tetrahedral", OcioInterpolation.Tetrahedral)]
    [InlineData("trilinear", OcioInterpolation.Linear)]
    public void Apply_with_a_cube_matches_OCIO(string interp, OcioInterpolation ocioInterp)
    {
        string dir = CliRunner.TempDir();
        string cube = WriteCube(dir), input = WriteExr(dir, 1), output = Path.Combine(dir, "out.exr");
        var r = CliRunner.Run("apply", "--look", cube, "--interp", interp, input, output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var expected = ImageFile.Read(input).Pixels;
        using (var ocio = OcioProcessor.FromFile(cube, interpolation: ocioInterp))
        {
            ocio.Apply(expected, 4);
        }
        double max = Reference.Tolerance.MaxError(ImageFile.Read(output).Pixels, expected).MaxError;
        Assert.True(max <= Reference.Tolerance.VersusOcio, $"{interp}: max error {max:E3}");
    }

    [Fact]
    public void Info_describes_the_LUT()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run("lut", "info", WriteCube(dir, 9));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("kind:   3D", r.Stdout);
        Assert.Contains("9^3", r.Stdout);
        Assert.Contains("test look", r.Stdout);
    }

    [Fact]
    public void Convert_to_3dl_and_resample_give_files_OCIO_reads_alike()
    {
        string dir = CliRunner.TempDir();
        string cube = WriteCube(dir, 33), spi = Path.Combine(dir, "look.spi3d"), small = Path.Combine(dir, "small.cube");
        Assert.Equal(0, CliRunner.Run("lut", "convert", cube, spi).ExitCode);
        Assert.Equal(0, CliRunner.Run("lut", "convert", cube, small, "--size", "17").ExitCode);
        Assert.Contains("17^3", CliRunner.Run("lut", "info", small).Stdout);

        var px = Reference.RandomPixels.Uniform(10_000, 0, 1, 3);
        var a = (float[])px.Clone();
        var b = (float[])px.Clone();
        using (var p1 = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral))
        using (var p2 = OcioProcessor.FromFile(spi, interpolation: OcioInterpolation.Tetrahedral))
        {
            p1.Apply(a, 4);
            p2.Apply(b, 4);
        }
        // Same lattice in another float format: identical up to the text precision of the writers.
        Assert.True(Reference.Tolerance.MaxError(b, a).MaxError < 1e-6);
    }

    [Fact]
    public void A_malformed_LUT_names_file_and_line_and_exits_2()
    {
        string dir = CliRunner.TempDir();
        string bad = Path.Combine(dir, "bad.cube");
        File.WriteAllText(bad, "TITLE \"x\"\nLUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 zero\n");
        var r = CliRunner.Run("apply", "--look", bad, WriteExr(dir, 2), Path.Combine(dir, "out.exr"));
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {bad}:5: ", line);
        var info = CliRunner.Run("lut", "info", bad);
        Assert.Equal(2, info.ExitCode);
    }
}
