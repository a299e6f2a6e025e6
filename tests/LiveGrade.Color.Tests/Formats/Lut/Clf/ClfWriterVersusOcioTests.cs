using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Exponent;
using LiveGrade.Color.Ops.Logarithm;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Range;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut.Clf;

/// <summary>
/// CLF that LiveGrade writes, from LUT files and from whole looks, loads in OpenColorIO 2.1 and gives the
/// same pixels as LiveGrade reading the same file (<see cref="LutPixels.VersusOcio"/> of the LUT's range for
/// LUTs, <see cref="Tolerance.VersusOcio"/> for looks); the file read back is the LUT that was written
/// (tables bit for bit) or applies like the look it came from.
/// </summary>
public class ClfWriterVersusOcioTests(OcioBakeLut scratch, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    private static (double, double, double) Look(double r, double g, double b)
    {
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double s(double v) => System.Math.Pow(System.Math.Max(y + 1.3 * (v - y), 0), 0.8) * 1.05 - 0.02;
        return (s(r) + 0.03 * b, s(g), s(b) - 0.02 * r);
    }

    private static Lut1DOpData LogShaper(int size, double min, double max) =>
        Lut1DOpData.FromFunction(size, (c, x) => System.Math.Log2(System.Math.Max(x - min, 0) + 1e-3) / System.Math.Log2(max - min + 1e-3)
            * (1 + 0.01 * c), min, max);

    public static TheoryData<string> LutCases() => ["cube3d", "cube3d_trilinear", "cube3d_domain", "cube3d_channel_domains", "shaper_cube",
        "lut1d_domain", "lut1d_channel_domains", "lut1d_one_channel"];

    private static LutFile MakeLut(string name) => name switch
    {
        "cube3d" => new LutFile(null, Lut3DOpData.FromFunction(33, Look), "LiveGrade <\"test\"> & look"),
        "cube3d_trilinear" => new LutFile(null, Lut3DOpData.FromFunction(17, Look, interpolation: Lut3DInterpolation.Trilinear)),
        "cube3d_domain" => new LutFile(null, Lut3DOpData.FromFunction(17, Look, -0.125, 1.5)),
        "cube3d_channel_domains" => new LutFile(null, new Lut3DOpData(9, Lut3DOpData.FromFunction(9, Look).Table, [-0.1, 0, 0.05], [1.2, 1, 2])),
        "shaper_cube" => new LutFile(LogShaper(1024, -0.01, 50), Lut3DOpData.FromFunction(17, Look), "shaped"),
        "lut1d_domain" => new LutFile(Lut1DOpData.FromFunction(4096, (c, x) => System.Math.Pow(System.Math.Max(x, 0), 1 / (2.2 + 0.1 * c)), -0.05, 2), null),
        "lut1d_channel_domains" => new LutFile(new Lut1DOpData(Lut1DOpData.FromFunction(256, (c, x) => x * x * (c + 1)).InterleavedTable(),
            [0, -0.5, 0.25], [1, 1.5, 4]), null, "per channel"),
        "lut1d_one_channel" => new LutFile(Lut1DOpData.FromFunction(1024, (_, x) => System.Math.Sqrt(x)), null),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(LutCases))]
    public void Written_LUT_loads_in_OCIO_with_the_same_pixels_and_reads_back(string name)
    {
        var lut = MakeLut(name);
        var path = Path.Combine(scratch.Directory, name + ".clf");
        LutFormats.Write(lut, path);

        var back = LutFormats.Read(path);
        Assert.Equal(lut.Title, back.Title);
        Assert.Equal(lut.Lut1D is null, back.Lut1D is null);
        Assert.Equal(lut.Lut3D is null, back.Lut3D is null);
        if (lut.Lut1D is { } w1)
        {
            AssertDomain(w1.DomainMin, back.Lut1D!.DomainMin);
            AssertDomain(w1.DomainMax, back.Lut1D.DomainMax);
            Assert.Equal(w1.InterleavedTable(), back.Lut1D.InterleavedTable());
        }
        if (lut.Lut3D is { } w3)
        {
            AssertDomain(w3.DomainMin, back.Lut3D!.DomainMin);
            AssertDomain(w3.DomainMax, back.Lut3D.DomainMax);
            Assert.Equal(w3.Interpolation, back.Lut3D.Interpolation);
            Assert.Equal(w3.Table.ToArray(), back.Lut3D.Table.ToArray());
        }

        var (min, max) = lut.Lut1D is { } l1 ? (l1.DomainMin, l1.DomainMax) : (lut.Lut3D!.DomainMin, lut.Lut3D.DomainMax);
        var input = LutPixels.ForDomain(RandomPixels.Count, min, max, lut.Lut3D?.Size ?? lut.Lut1D!.Size, seed: name.Length * 13);
        var actual = (float[])input.Clone();
        new CpuProcessor(ClfReader.Read(path).ToOps()).Apply(actual);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Default))
        {
            ocio.Apply(reference, 4);
        }
        var (error, at) = LutPixels.MaxErrorOfRange(actual, reference, lut.OutputRange());
        output.WriteLine($"{name}.clf: max error vs OCIO {error:E2} of range");
        Assert.True(error <= LutPixels.VersusOcio, $"{name}: error {error:E3} at pixel {at / 4} channel {at % 4} " +
            $"(in {input[at / 4 * 4]:G9} {input[at / 4 * 4 + 1]:G9} {input[at / 4 * 4 + 2]:G9}): LiveGrade {actual[at]:G9} OCIO {reference[at]:G9}");

        // The domain step (a Range or a diagonal matrix) before the LUT applies like LiveGrade's own domain.
        var original = (float[])input.Clone();
        new CpuProcessor(lut.ToOps()).Apply(original);
        var (selfError, _) = LutPixels.MaxErrorOfRange(actual, original, lut.OutputRange());
        Assert.True(selfError <= LutPixels.VersusOcio, $"{name}: the file applies {selfError:E3} of range away from the LUT written");
    }

    // A Range keeps the bounds exactly; a per-channel domain goes through x * s + o and back (-o / s), a few ulps of a double.
    private static void AssertDomain(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        for (int c = 0; c < 3; c++)
        {
            Assert.True(System.Math.Abs(expected[c] - actual[c]) <= 1e-15 * System.Math.Max(1, System.Math.Abs(expected[c])),
                $"domain {expected[c]:R} read back as {actual[c]:R}");
        }
    }

    /// <summary>(name, look, tolerance of the file read back against the look written, and why).</summary>
    public static TheoryData<string> LookCases() => ["logc3_to_acescct", "slog3_to_aces", "acescg_to_srgb", "acescg_to_rec709",
        "acescct_cdl_range_log_exponent", "lut_with_shaper_after_cdl", "aces_to_pq"];

    private static OpList MakeLook(string name) => name switch
    {
        "logc3_to_acescct" => ConvertStep.Parse("logc3:acescct").ToOps(),
        "slog3_to_aces" => ConvertStep.Parse("slog3:aces").ToOps(),
        "acescg_to_srgb" => ConvertStep.Parse("acescg:srgb").ToOps(),
        "acescg_to_rec709" => ConvertStep.Parse("acescg:rec709").ToOps(),
        "aces_to_pq" => ConvertStep.Parse("aces:pq").ToOps(),
        "acescct_cdl_range_log_exponent" => new OpList()
            .Add(new CdlOpData([1.1, 0.95, 1.02], [0.01, -0.02, 0], [1.1, 1, 0.9], 0.9, CdlStyle.AscV12))
            .Add(new CdlOpData([0.8, 1.2, 1], [0.02, 0, -0.01], [1, 1.1, 1.2], 1.2, CdlStyle.NoClamp, TransformDirection.Inverse))
            .Add(new RangeOpData(0.05, 0.95, -0.1, 1.1))
            .Add(new LogOpData(LogStyle.Affine, 10, new LogParams(0.29, 0.67, 0.99, 0.011), new LogParams(0.3, 0.6, 1, 0.01),
                new LogParams(0.28, 0.65, 0.98, 0.012), TransformDirection.Inverse))
            .Add(new ExponentOpData(ExponentStyle.MonCurveMirror, [2.4, 2.2, 2.6], [0.055, 0.099, 0.01], TransformDirection.Inverse)),
        "lut_with_shaper_after_cdl" => new OpList()
            .Add(new CdlOpData([1.2, 0.9, 1.1], [0.01, -0.02, 0.03], [0.8, 1.2, 1.1], 1.3, CdlStyle.NoClamp))
            .AddRange(new LutFile(LogShaper(1024, -0.01, 50), Lut3DOpData.FromFunction(17, Look)).ToOps().Ops),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(LookCases))]
    public void Written_look_loads_in_OCIO_with_the_same_pixels(string name)
    {
        // Written as `lut export` writes a look: optimised (adjacent matrices folded, as OCIO folds them too).
        var look = OpListOptimizer.Optimize(MakeLook(name));
        var path = Path.Combine(scratch.Directory, name + ".clf");
        File.WriteAllText(path, ClfWriter.Format(look, name));
        var list = ClfReader.Read(path);
        Assert.Equal(name, list.Name);

        var input = ClfVersusOcioTests.Pixels(RandomPixels.Count, name.Length * 101);
        var fromFile = (float[])input.Clone();
        new CpuProcessor(list.ToOps(), optimize: false).Apply(fromFile);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Default))
        {
            ocio.Apply(reference, 4);
        }
        var (error, at) = Tolerance.MaxError(fromFile, reference);
        output.WriteLine($"{name}: LiveGrade reading its file vs OCIO: max error {error:E2}");
        Assert.True(error <= Tolerance.VersusOcio, $"{name}: error {error:E3} at pixel {at / 4} channel {at % 4}: " +
            $"in {input[at / 4 * 4 + at % 4]:G9} LiveGrade {fromFile[at]:G9} OCIO {reference[at]:G9}");

        // Against the look as it was before writing: the same maths, except PQ, which CLF has no node for and
        // which is written as a half-domain LUT1D (exact at every half value, linear between them).
        var original = (float[])input.Clone();
        new CpuProcessor(look, optimize: false).Apply(original);
        // NaN policies differ by design: LiveGrade's camera curves propagate a NaN (from inf - inf in a matrix
        // after a decode overflows), CLF's Log node floors it at FLT_MIN as OCIO does. Those pixels are left out.
        var fromFileCompared = (float[])fromFile.Clone();
        int nanPixels = 0;
        for (int i = 0; i < original.Length; i++)
        {
            if (float.IsNaN(original[i]))
            {
                original[i] = fromFileCompared[i] = 0;
                nanPixels++;
            }
        }
        var (selfError, selfAt) = Tolerance.MaxError(fromFileCompared, original);
        output.WriteLine($"{name}: {nanPixels} NaN values in the look written left out of the comparison with it");
        double allowed = name == "aces_to_pq" ? HalfSampledCurve : Tolerance.VersusOcio;
        output.WriteLine($"{name}: file vs the look written: max error {selfError:E2} (allowed {allowed:E0})");
        Assert.True(selfError <= allowed, $"{name}: the file applies {selfError:E3} away from the look at pixel {selfAt / 4}: " +
            $"{fromFile[selfAt]:G9} vs {original[selfAt]:G9}");
    }

    /// <summary>
    /// A curve sampled at every half value and interpolated linearly in between: the half spacing is 2^-11 of
    /// the value, so the error is about (2^-11)^2 / 8 times the curve's relative curvature; PQ's steepest
    /// region (exponents 0.159 and 78.8) gives a few 1e-6 of code value. 2e-5 states that bound with margin.
    /// </summary>
    private const double HalfSampledCurve = 2e-5;
}
