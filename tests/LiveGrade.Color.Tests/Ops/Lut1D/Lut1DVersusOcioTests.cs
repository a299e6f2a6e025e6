using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Ops.Lut1D;

/// <summary>
/// 1D LUTs written as .spi1d and applied by OpenColorIO (forward, and inverse with OCIO's exact inverse,
/// which the lossless CPU processor uses) against LiveGrade's forward and inverse renderers.
/// </summary>
public class Lut1DVersusOcioTests(OcioBakeLut scratch, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    /// <summary>
    /// The inverse: both sides search the same float table and divide by the same entry difference, but
    /// OCIO scales the result to the domain with a separate matrix op. 1e-5 relative to the domain span
    /// covers a few ulps of the recovered index.
    /// </summary>
    private const double InverseVersusOcio = 1e-5;

    private static Lut1DOpData Curve(int size) => Lut1DOpData.FromFunction(size,
        (c, x) => System.Math.Pow(System.Math.Max(x + 0.05, 0), 0.4 + 0.05 * c) * 1.1 - 0.05, -0.05, 2.5);

    [Theory]
    [InlineData(17)]
    [InlineData(4096)]
    [InlineData(65536)]
    public void Forward_matches_OCIO(int size)
    {
        var lut = Curve(size);
        var path = Write(lut, $"fwd{size}.spi1d");
        var input = LutPixels.ForDomain(RandomPixels.Count, lut.DomainMin, lut.DomainMax, size, seed: size);
        var actual = (float[])input.Clone();
        new CpuProcessor(new OpList([lut])).Apply(actual);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Linear))
        {
            ocio.Apply(reference, 4);
        }
        var (error, at) = LutPixels.MaxErrorOfRange(actual, reference, lut.OutputRange());
        output.WriteLine($"spi1d {size} forward: max error {error:E2} of range");
        Assert.True(error <= LutPixels.VersusOcio, $"error {error:E3} at {at}: {actual[at]:G9} vs OCIO {reference[at]:G9}");
    }

    [Theory]
    [InlineData(17)]
    [InlineData(4096)]
    public void Inverse_matches_OCIO_exact_inverse(int size)
    {
        var lut = Curve(size);
        var path = Write(lut, $"inv{size}.spi1d");
        var (lo, hi) = lut.OutputRange();
        // Outputs across the table's range and a little beyond (the inverse clamps to the range).
        var input = RandomPixels.Uniform(RandomPixels.Count, lo - 0.1, hi + 0.1, size + 1);
        var actual = (float[])input.Clone();
        new CpuProcessor(new OpList([lut.Inverse()])).Apply(actual);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, OcioInterpolation.Linear, OcioDirection.Inverse))
        {
            ocio.Apply(reference, 4);
        }
        double span = lut.DomainMax[0] - lut.DomainMin[0];
        var (error, at) = LutPixels.MaxErrorOfRange(actual, reference, (0f, (float)span));
        output.WriteLine($"spi1d {size} inverse: max error {error:E2} of the domain");
        Assert.True(error <= InverseVersusOcio, $"error {error:E3} at {at}: {actual[at]:G9} vs OCIO {reference[at]:G9}");
    }

    private string Write(Lut1DOpData lut, string name)
    {
        var path = Path.Combine(scratch.Directory, name);
        LutFormats.Write(new LutFile(lut, null), path);
        return path;
    }
}
