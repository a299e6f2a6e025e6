using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Interop.Ocio;
using Reference = LiveGrade.Color.Tests.Reference;

namespace LiveGrade.App.Tests.Commands;

/// <summary>`livegrade lut bake`: baked LUTs, loaded by OpenColorIO, reproduce the look they were baked from.</summary>
public class LutBakeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void An_affine_look_bakes_exactly()
    {
        // A CDL with power 1, no clamp, is affine (slope, offset, saturation are linear), and tetrahedral
        // interpolation reproduces affine maps exactly: only the text precision of the file remains.
        string dir = CliRunner.TempDir();
        string cube = Path.Combine(dir, "affine.cube");
        var r = CliRunner.Run("lut", "bake", "--cdl", "1.1 0.9 1.2 0.05 -0.02 0 1 1 1 1.2", "--size", "17", "-o", cube);
        Assert.True(r.ExitCode == 0, r.Stderr);

        var px = Reference.RandomPixels.Uniform(Reference.RandomPixels.Count, 0, 1, 41);
        var viaLut = (float[])px.Clone();
        var direct = (float[])px.Clone();
        using (var lut = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral))
        using (var cdl = OcioProcessor.FromCdl([1.1, 0.9, 1.2], [0.05, -0.02, 0], [1, 1, 1], 1.2, OcioCdlStyle.NoClamp))
        {
            lut.Apply(viaLut, 4);
            cdl.Apply(direct, 4);
        }
        double max = Reference.Tolerance.MaxError(viaLut, direct).MaxError;
        output.WriteLine($"affine bake vs OCIO CDL: max error {max:E3}");
        Assert.True(max <= Reference.Tolerance.VersusOcio, $"max error {max:E3}");
    }

    [Fact]
    public void A_log_shaper_bakes_scene_linear_input_to_a_camera_curve()
    {
        string dir = CliRunner.TempDir();
        string cube = Path.Combine(dir, "to_logc3.cube");
        var r = CliRunner.Run("lut", "bake", "--convert", "lin-rec709:logc3", "--shaper", "log", "--size", "33", "-o", cube);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("shaper", r.Stderr);

        // Scene light from 0.01 to 35 (inside the shaper's 46.08 ceiling), near neutral as camera pixels are.
        var px = Reference.RandomPixels.NearNeutralLog(Reference.RandomPixels.Count, -2, 1.4, 0.5, 42);
        var viaLut = (float[])px.Clone();
        var direct = (float[])px.Clone();
        using (var lut = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral))
        {
            lut.Apply(viaLut, 4);
        }
        new CpuProcessor(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get("lin-rec709"), ColorSpaceRegistry.Get("logc3"))).Apply(direct);
        // Interpolation error, not arithmetic: a .cube shaper has a linear input domain (0 to 46), so its
        // 65,536 steps are 7% of the value at 0.01; the 33^3 cube spans 18 stops (0.56 stop a cell) and LogC3
        // bends near its toe. Measured 8.6e-4 at worst (7e-4 at grey 0.01, 7e-5 at 0.18; both readers agree), so the
        // bound is one 10-bit code value (1/1023): a baked LUT is an approximation a LUT box can hold.
        double max = Reference.Tolerance.MaxError(viaLut, direct).MaxError;
        output.WriteLine($"log-shaper bake vs direct conversion: max error {max:E3}");
        Assert.True(max <= 1.0 / 1023, $"max error {max:E3}");
    }

    [Fact]
    public void A_shaper_in_a_format_without_one_is_refused()
    {
        string dir = CliRunner.TempDir();
        string lut = Path.Combine(dir, "x.3dl");
        var r = CliRunner.Run("lut", "bake", "--convert", "aces:pq", "--shaper", "pq", "-o", lut);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {lut}: a pq shaper needs a format with a 1D shaper: write .cube, .clf or .csp", r.Stderr.Trim());
        Assert.False(File.Exists(lut));
    }

    [Fact]
    public void Baking_into_3dl_and_spi3d_loads_in_OCIO_alike()
    {
        string dir = CliRunner.TempDir();
        string spi = Path.Combine(dir, "a.spi3d"), cube = Path.Combine(dir, "a.cube");
        string[] look = ["--convert", "logc3:acescct", "--cdl", "1.05 1 0.95 0.01 0 -0.01 1.1 1 0.95 1.2", "--convert", "acescct:rec709", "--size", "17"];
        var r1 = CliRunner.Run([.. (string[])["lut", "bake"], .. look, "-o", spi]);
        Assert.True(r1.ExitCode == 0, r1.Stderr);
        // Saturated LogC3 corners pushed through a saturation boost overflow to infinity: said, not fatal.
        Assert.Contains("warning: the look gives NaN or infinity", r1.Stderr);
        Assert.Equal(0, CliRunner.Run([.. (string[])["lut", "bake"], .. look, "-o", cube]).ExitCode);
        var px = Reference.RandomPixels.Uniform(10_000, 0, 1, 43);
        var a = (float[])px.Clone();
        var b = (float[])px.Clone();
        using (var p1 = OcioProcessor.FromFile(spi, interpolation: OcioInterpolation.Tetrahedral))
        using (var p2 = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral))
        {
            p1.Apply(a, 4);
            p2.Apply(b, 4);
        }
        Assert.True(Reference.Tolerance.MaxError(a, b).MaxError < 1e-6);
    }
}
