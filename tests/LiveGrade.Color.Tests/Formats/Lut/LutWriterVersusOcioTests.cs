using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut;

/// <summary>
/// Every LUT LiveGrade writes (.cube in both dialects, .spi1d, .spi3d, .3dl Flame and Lustre, .csp, .clf) loads in
/// OpenColorIO and gives the same pixels as LiveGrade applying the file it wrote, within
/// <see cref="LutPixels.VersusOcio"/> of the LUT's range; and reading the file back gives the LUT that was
/// written (bit for bit in the float formats, to half a code in .3dl).
/// </summary>
public class LutWriterVersusOcioTests(OcioBakeLut scratch, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    /// <summary>Half a 12-bit code: what writing a float to a 12-bit .3dl may move it by.</summary>
    private const double HalfCode12 = 0.5 / 4095;

    /// <summary>A graded look with channel crosstalk, as a LUT would hold: outputs go a little outside [0, 1].</summary>
    private static (double, double, double) Look(double r, double g, double b)
    {
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double s(double v) => System.Math.Pow(System.Math.Max(y + 1.3 * (v - y), 0), 0.8) * 1.05 - 0.02;
        return (s(r) + 0.03 * b, s(g), s(b) - 0.02 * r);
    }

    /// <summary>The same look kept inside [0, 1], for the integer format.</summary>
    private static (double, double, double) LookInRange(double r, double g, double b)
    {
        var (x, y, z) = Look(r, g, b);
        return (System.Math.Clamp(x, 0, 1), System.Math.Clamp(y, 0, 1), System.Math.Clamp(z, 0, 1));
    }

    private static Lut1DOpData LogShaper(int size, double min, double max) =>
        Lut1DOpData.FromFunction(size, (c, x) => System.Math.Log2(System.Math.Max(x - min, 0) + 1e-3) / System.Math.Log2(max - min + 1e-3)
            * (1 + 0.01 * c), min, max);

    public static TheoryData<string, string> Cases() => new()
    {
        { "cube3d", ".cube" },
        { "cube3d_domain", ".cube" },
        { "cube3d_channel_domains", ".cube" },
        { "shaper_cube", ".cube" },
        { "lut1d_domain", ".cube" },
        { "lut1d_channel_domains", ".cube" },
        { "lut1d_domain", ".spi1d" },
        { "lut1d_one_channel", ".spi1d" },
        { "cube3d", ".spi3d" },
        { "cube3d_in_range", ".3dl" },
        { "cube3d_in_range_lustre16", ".3dl" },
        { "cube3d", ".csp" },
        { "lut1d_one_channel", ".csp" },
        { "cube3d", ".clf" },
        { "shaper_cube", ".clf" },
    };

    private static LutFile Make(string name) => name switch
    {
        "cube3d" => new LutFile(null, Lut3DOpData.FromFunction(33, Look), "LiveGrade \"test\" look"),
        "cube3d_domain" => new LutFile(null, Lut3DOpData.FromFunction(17, Look, -0.125, 1.5)),
        "cube3d_channel_domains" => new LutFile(null, new Lut3DOpData(9, Lut3DOpData.FromFunction(9, Look).Table,
            [-0.1, 0, 0.05], [1.2, 1, 2])),
        "shaper_cube" => new LutFile(LogShaper(1024, -0.01, 50), Lut3DOpData.FromFunction(17, Look), "shaped"),
        "lut1d_domain" => new LutFile(Lut1DOpData.FromFunction(4096, (c, x) => System.Math.Pow(System.Math.Max(x, 0), 1 / (2.2 + 0.1 * c)), -0.05, 2), null),
        "lut1d_channel_domains" => new LutFile(new Lut1DOpData(Lut1DOpData.FromFunction(256, (c, x) => x * x * (c + 1)).InterleavedTable(),
            [0, -0.5, 0.25], [1, 1.5, 4]), null, "per channel"),
        "lut1d_one_channel" => new LutFile(Lut1DOpData.FromFunction(1024, (_, x) => System.Math.Sqrt(x)), null),
        "cube3d_in_range" or "cube3d_in_range_lustre16" => new LutFile(null, Lut3DOpData.FromFunction(33, LookInRange)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Written_LUT_loads_in_OCIO_with_the_same_pixels(string name, string extension)
    {
        var lut = Make(name);
        var path = Path.Combine(scratch.Directory, name + extension);
        if (name.EndsWith("lustre16", StringComparison.Ordinal))
        {
            File.WriteAllText(path, Autodesk3DlWriter.Format(lut, 16, Autodesk3DlStyle.Lustre));
        }
        else
        {
            LutFormats.Write(lut, path);
        }

        var back = LutFormats.Read(path);
        CheckReadBack(lut, back, extension == ".3dl" ? (name.EndsWith("16", StringComparison.Ordinal) ? 0.5 / 65535 : HalfCode12) : 0);

        var (min, max) = back.Lut1D is { } l1 ? (l1.DomainMin, l1.DomainMax) : (back.Lut3D!.DomainMin, back.Lut3D.DomainMax);
        var input = LutPixels.ForDomain(RandomPixels.Count, min, max, back.Lut3D?.Size ?? back.Lut1D!.Size, seed: name.Length * 31 + extension.Length);
        var actual = (float[])input.Clone();
        new CpuProcessor(back.ToOps()).Apply(actual);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Tetrahedral))
        {
            ocio.Apply(reference, 4);
        }
        var (error, at) = LutPixels.MaxErrorOfRange(actual, reference, back.OutputRange());
        output.WriteLine($"{name}{extension}: max error vs OCIO {error:E2} of range");
        Assert.True(error <= LutPixels.VersusOcio,
            $"{name}{extension}: error {error:E3} of range at pixel {at / 4}: LiveGrade {actual[at]:G9} OCIO {reference[at]:G9}");
    }

    private static void CheckReadBack(LutFile written, LutFile read, double tolerance)
    {
        Assert.Equal(written.Lut1D is null, read.Lut1D is null);
        Assert.Equal(written.Lut3D is null, read.Lut3D is null);
        if (written.Lut1D is { } w1)
        {
            var r1 = read.Lut1D!;
            Assert.Equal(w1.DomainMin, r1.DomainMin);
            Assert.Equal(w1.DomainMax, r1.DomainMax);
            AssertClose(w1.InterleavedTable(), r1.InterleavedTable(), tolerance);
        }
        if (written.Lut3D is { } w3)
        {
            var r3 = read.Lut3D!;
            Assert.Equal(w3.Size, r3.Size);
            Assert.Equal(w3.DomainMin, r3.DomainMin);
            Assert.Equal(w3.DomainMax, r3.DomainMax);
            AssertClose(w3.Table.ToArray(), r3.Table.ToArray(), tolerance);
        }
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // 1e-7 covers the float rounding of the values compared (a code boundary can sit exactly half a code away).
            if (System.Math.Abs((double)expected[i] - actual[i]) > tolerance + 1e-7)
            {
                Assert.Fail($"entry {i}: wrote {expected[i]:G9}, read back {actual[i]:G9} (tolerance {tolerance:G3})");
            }
        }
    }

    [Fact]
    public void Title_survives_a_cube_round_trip()
    {
        var text = CubeWriter.Format(Make("cube3d"));
        Assert.StartsWith("TITLE \"LiveGrade 'test' look\"\n", text, StringComparison.Ordinal);
        Assert.Equal("LiveGrade 'test' look", CubeReader.Parse(text, "t.cube").Title);
    }

    [Fact]
    public void Formats_that_cannot_hold_a_LUT_say_so()
    {
        Assert.Throws<NotSupportedException>(() => LutFormats.Format(Make("shaper_cube"), LutFormat.Spi3D));
        Assert.Throws<NotSupportedException>(() => LutFormats.Format(Make("cube3d_domain"), LutFormat.Autodesk3Dl));
        Assert.Throws<NotSupportedException>(() => LutFormats.Format(Make("lut1d_channel_domains"), LutFormat.Spi1D));
        Assert.Throws<NotSupportedException>(() => LutFormats.Format(
            new LutFile(LogShaper(16, 0, 1), new Lut3DOpData(3, new float[81], [0, 0, 0], [1, 2, 1])), LutFormat.Cube));
        Assert.Throws<NotSupportedException>(() => Autodesk3DlWriter.Format(Make("cube3d_domain"), 12, Autodesk3DlStyle.Lustre));
        Assert.Throws<NotSupportedException>(() => LutFormats.Format(Make("lut1d_domain"), LutFormat.Csp));
        Assert.Throws<NotSupportedException>(() => LutFormats.Format(Make("cube3d"), LutFormat.Ctf));
    }
}
