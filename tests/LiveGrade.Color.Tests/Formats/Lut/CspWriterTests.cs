using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut;

/// <summary>
/// .csp files whose preluts carry something (a domain, a shaper): OpenColorIO reads them to the same pixels
/// as LiveGrade (both resample the cinespace prelut spline the same way), and they apply like the LUT that
/// was written: exactly for a domain (a two-point prelut is a straight line) and for a 65536-entry shaper
/// (every resampled point is a knot); to the spline's accuracy for a shorter shaper.
/// </summary>
public class CspWriterTests(OcioBakeLut scratch, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    private static (double, double, double) Look(double r, double g, double b) =>
        (System.Math.Pow(System.Math.Max(r, 0), 0.8) * 0.9 + 0.05 * b, System.Math.Pow(System.Math.Max(g, 0), 0.9), 0.95 * b + 0.02 * r * g);

    private static Lut1DOpData LogShaper(int size) =>
        Lut1DOpData.FromFunction(size, (_, x) => System.Math.Log2(x + 0.01) / System.Math.Log2(16.01) * 0.9 + 0.1, 0, 16);

    /// <summary>
    /// (case, allowed distance from the LUT written, as a fraction of the output range). The 1024-point
    /// shaper is a log curve; cinespace's cubic between knots departs from LiveGrade's straight segments by
    /// about the curvature times the knot spacing squared, measured at 3e-5 of the range.
    /// </summary>
    public static TheoryData<string, double> Cases() => new()
    {
        { "domain", LutPixels.VersusOcio },
        { "channel_domains", LutPixels.VersusOcio },
        { "shaper65536", LutPixels.VersusOcio },
        { "shaper1024", 1e-4 },
    };

    private static LutFile Make(string name) => name switch
    {
        "domain" => new LutFile(null, Lut3DOpData.FromFunction(17, Look, -0.125, 1.5), "domain"),
        "channel_domains" => new LutFile(null, new Lut3DOpData(9, Lut3DOpData.FromFunction(9, Look).Table, [-0.1, 0, 0.05], [1.2, 1, 2])),
        "shaper65536" => new LutFile(LogShaper(65536), Lut3DOpData.FromFunction(17, Look)),
        "shaper1024" => new LutFile(LogShaper(1024), Lut3DOpData.FromFunction(17, Look)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Csp_with_preluts_matches_OCIO_and_the_LUT_written(string name, double allowed)
    {
        var lut = Make(name);
        var path = Path.Combine(scratch.Directory, name + ".csp");
        LutFormats.Write(lut, path);
        var back = LutFormats.Read(path);
        Assert.NotNull(back.Lut1D);
        Assert.Equal(lut.Lut3D!.Table.ToArray(), back.Lut3D!.Table.ToArray());
        Assert.Equal(lut.Title, back.Title);

        var (min, max) = lut.Lut1D is { } l1 ? (l1.DomainMin, l1.DomainMax) : (lut.Lut3D.DomainMin, lut.Lut3D.DomainMax);
        var input = LutPixels.ForDomain(RandomPixels.Count, min, max, 17, seed: name.Length);
        var fromFile = (float[])input.Clone();
        new CpuProcessor(back.ToOps()).Apply(fromFile);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Tetrahedral))
        {
            ocio.Apply(reference, 4);
        }
        var range = lut.OutputRange();
        var (error, at) = LutPixels.MaxErrorOfRange(fromFile, reference, range);
        output.WriteLine($"{name}.csp: LiveGrade vs OCIO {error:E2} of range");
        Assert.True(error <= LutPixels.VersusOcio, $"{name}: {error:E3} at pixel {at / 4}: LiveGrade {fromFile[at]:G9} OCIO {reference[at]:G9}");

        var written = (float[])input.Clone();
        new CpuProcessor(lut.ToOps()).Apply(written);
        var (selfError, selfAt) = LutPixels.MaxErrorOfRange(fromFile, written, range);
        output.WriteLine($"{name}.csp: file vs the LUT written {selfError:E2} of range (allowed {allowed:E0})");
        Assert.True(selfError <= allowed, $"{name}: {selfError:E3} at pixel {selfAt / 4}: file {fromFile[selfAt]:G9} written {written[selfAt]:G9}");
    }
}
