using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Formats.Lut.Clf;
using LiveGrade.Interop.Ocio;
using LiveGrade.Interop.Oiio;
using Reference = LiveGrade.Color.Tests.Reference;

namespace LiveGrade.App.Tests.Commands;

/// <summary>CLF on the command line: apply, info, convert, bake and export, each checked against OpenColorIO.</summary>
public class LutClfCommandTests
{
    private static string WriteExr(string dir, int seed)
    {
        string path = Path.Combine(dir, $"in{seed}.exr");
        ImageFile.Write(path, new RgbaImage(200, 100, Reference.RandomPixels.Uniform(200 * 100, -0.1, 1.1, seed)), ImageSampleFormat.Float);
        return path;
    }

    private static string WriteSample(string dir, string name)
    {
        string path = Path.Combine(dir, name + ".clf");
        File.WriteAllText(path, ClfSamples.Text(name));
        return path;
    }

    private static float[] Ocio(string file, float[] pixels)
    {
        var copy = (float[])pixels.Clone();
        using var p = OcioProcessor.FromFile(file, interpolation: OcioInterpolation.Default);
        p.Apply(copy, 4);
        return copy;
    }

    [Fact]
    public void Apply_with_a_CLF_look_matches_OCIO()
    {
        string dir = CliRunner.TempDir();
        string clf = WriteSample(dir, "chain_mixed_depths"), input = WriteExr(dir, 1), output = Path.Combine(dir, "out.exr");
        var r = CliRunner.Run("apply", "--look", clf, input, output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var expected = Ocio(clf, ImageFile.Read(input).Pixels);
        double max = Reference.Tolerance.MaxError(ImageFile.Read(output).Pixels, expected).MaxError;
        Assert.True(max <= Reference.Tolerance.VersusOcio, $"max error {max:E3}");
    }

    [Fact]
    public void Info_lists_the_nodes()
    {
        string dir = CliRunner.TempDir();
        var look = CliRunner.Run("lut", "info", WriteSample(dir, "chain_mixed_depths"));
        Assert.Equal(0, look.ExitCode);
        Assert.Contains("kind:   look (more than a LUT)", look.Stdout);
        Assert.Contains("<Log> 32f -> 10i", look.Stdout);
        Assert.Contains("<LUT3D> 32f -> 32f: Lut3D 17^3 Tetrahedral", look.Stdout);
        var lut = CliRunner.Run("lut", "info", WriteSample(dir, "lut3d_tetrahedral_10i_12i"));
        Assert.Equal(0, lut.ExitCode);
        Assert.Contains("kind:   3D", lut.Stdout);
        Assert.Contains("17^3", lut.Stdout);
    }

    [Fact]
    public void Convert_a_LUT_CLF_to_cube_and_a_look_CLF_only_with_size()
    {
        string dir = CliRunner.TempDir();
        string lutClf = WriteSample(dir, "lut3d_tetrahedral_10i_12i"), cube = Path.Combine(dir, "lut.cube");
        Assert.Equal(0, CliRunner.Run("lut", "convert", lutClf, cube).ExitCode);
        var px = Reference.RandomPixels.Uniform(10_000, 0, 1, 5);
        // The CLF names tetrahedral; the cube carries the lattice only, applied tetrahedral as LiveGrade's default.
        var viaCube = (float[])px.Clone();
        using (var p = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral))
        {
            p.Apply(viaCube, 4);
        }
        Assert.True(Reference.Tolerance.MaxError(viaCube, Ocio(lutClf, px)).MaxError < 1e-6);

        string lookClf = WriteSample(dir, "chain_mixed_depths"), baked = Path.Combine(dir, "look.cube");
        var refused = CliRunner.Run("lut", "convert", lookClf, baked);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("give --size N", refused.Stderr);
        Assert.Equal(0, CliRunner.Run("lut", "convert", lookClf, baked, "--size", "33").ExitCode);
        Assert.Contains("33^3", CliRunner.Run("lut", "info", baked).Stdout);
    }

    [Fact]
    public void Bake_to_CLF_with_a_shaper_matches_the_same_bake_as_cube()
    {
        string dir = CliRunner.TempDir();
        string clf = Path.Combine(dir, "bake.clf"), cube = Path.Combine(dir, "bake.cube");
        string[] look = ["--convert", "lin-rec709:rec709", "--cdl", "1.1 1 0.9 0.01 0 -0.01 1 1.1 1 1.2", "--size", "17", "--shaper", "log"];
        Assert.Equal(0, CliRunner.Run(["lut", "bake", .. look, "-o", clf]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["lut", "bake", .. look, "-o", cube]).ExitCode);
        var px = Reference.RandomPixels.SceneLinear(10_000, 7);
        var viaCube = (float[])px.Clone();
        using (var p = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral))
        {
            p.Apply(viaCube, 4);
        }
        var viaClf = Ocio(clf, px);
        double max = Reference.LutPixels.MaxErrorOfRange(viaClf, viaCube, LutFormats.Read(cube).OutputRange()).Error;
        Assert.True(max <= Reference.LutPixels.VersusOcio, $"CLF and cube bakes differ by {max:E3} of range in OCIO");
    }

    [Fact]
    public void Export_writes_the_look_op_for_op_and_OCIO_applies_it_like_LiveGrade()
    {
        string dir = CliRunner.TempDir();
        string clf = Path.Combine(dir, "look.clf");
        string cdl = "1.1 1 0.9 0.01 0 -0.01 1 1.1 1 1.2";
        var r = CliRunner.Run("lut", "export", "--convert", "logc3:acescct", "--cdl", cdl, "--convert", "acescct:rec709", "--name", "day 1", "-o", clf);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var list = LiveGrade.Color.Formats.Lut.Clf.ClfReader.Read(clf);
        Assert.Equal("day 1", list.Name);
        Assert.Contains(list.Nodes, n => n.Element == "ASC_CDL");

        var px = Reference.RandomPixels.Uniform(20_000, 0, 1, 9);
        var fromFile = (float[])px.Clone();
        new CpuProcessor(list.ToOps()).Apply(fromFile);
        double max = Reference.Tolerance.MaxError(Ocio(clf, px), fromFile).MaxError;
        Assert.True(max <= Reference.Tolerance.VersusOcio, $"OCIO applies the exported look {max:E3} away from LiveGrade");

        // Against the look before export. The camera curves become CLF Log nodes, whose single-precision
        // constants are OCIO's (log2(base) / slope rounded in float) rather than LiveGrade's (folded in
        // double): identical maths, a float ulp apart in the exponent, which the decode of the largest codes
        // here (linear values around 1e14) turns into up to 3e-5 relative. 1e-4 bounds that.
        var chain = new LookChain([ConvertStep.Parse("logc3:acescct"), CdlStep.Parse(cdl, CdlStyle.NoClamp), ConvertStep.Parse("acescct:rec709")]);
        var ours = (float[])px.Clone();
        new CpuProcessor(chain.ToOps()).Apply(ours);
        double drift = Reference.Tolerance.MaxError(fromFile, ours).MaxError;
        Assert.True(drift <= 1e-4, $"the exported look applies {drift:E3} away from the look");

        Assert.Equal(2, CliRunner.Run("lut", "export", "--cdl", cdl, "-o", Path.Combine(dir, "look.cube")).ExitCode);
    }

    [Fact]
    public void A_malformed_CLF_names_file_and_line_and_exits_2()
    {
        string dir = CliRunner.TempDir();
        string bad = Path.Combine(dir, "bad.clf");
        File.WriteAllText(bad, ClfSamples.List("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"3 1\">\n0\n0.5\nhalf\n</Array>\n</LUT1D>\n"));
        foreach (var args in new[] { new[] { "apply", "--look", bad, WriteExr(dir, 2), Path.Combine(dir, "out.exr") }, ["lut", "info", bad], ["lut", "convert", bad, Path.Combine(dir, "x.cube")] })
        {
            var r = CliRunner.Run(args);
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: {bad}:8: bad number 'half'", line);
        }
        File.WriteAllText(bad, "<ProcessList id=\"x\"><Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n");
        var xml = CliRunner.Run("lut", "info", bad);
        Assert.Equal(2, xml.ExitCode);
        Assert.StartsWith($"error: {bad}:2: malformed XML", Assert.Single(xml.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
