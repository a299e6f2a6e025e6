using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut;

/// <summary>
/// LUT files written by OpenColorIO's own ociobakelut, in every LUT format it bakes, are loaded by
/// LiveGrade and applied to 100,000 pixels (in and around the domain, plus NaN and infinities); the result
/// must match OCIO applying the same file within <see cref="LutPixels.VersusOcio"/> of the LUT's range,
/// with tetrahedral and with trilinear interpolation.
/// </summary>
public class LutVersusOcioTests(OcioBakeLut bake, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    /// <summary>(ociobakelut format, file name, cube size, shaper size, with the log shaper).</summary>
    public static TheoryData<string, string, int, int, bool> Baked() => new()
    {
        { "flame", "flame17.3dl", 17, 0, false },
        { "lustre", "lustre33.3dl", 33, 0, false },
        { "iridas_cube", "iridas33.cube", 33, 0, false },
        { "resolve_cube", "resolve65.cube", 65, 0, false },
        { "resolve_cube", "resolve33_shaper.cube", 33, 1024, true },
        { "cinespace", "cinespace33.csp", 33, 0, false },
        { "cinespace", "cinespace33_shaper.csp", 33, 64, true },
    };

    [Theory]
    [MemberData(nameof(Baked))]
    public void Tetrahedral_matches_OCIO(string format, string file, int cubeSize, int shaperSize, bool shaper) =>
        Compare(format, file, cubeSize, shaperSize, shaper, Lut3DInterpolation.Tetrahedral, OcioInterpolation.Tetrahedral);

    [Theory]
    [MemberData(nameof(Baked))]
    public void Trilinear_matches_OCIO(string format, string file, int cubeSize, int shaperSize, bool shaper) =>
        Compare(format, file, cubeSize, shaperSize, shaper, Lut3DInterpolation.Trilinear, OcioInterpolation.Linear);

    private void Compare(string format, string file, int cubeSize, int shaperSize, bool shaper,
        Lut3DInterpolation ours, OcioInterpolation theirs)
    {
        var path = bake.Bake(format, ours + "_" + file, cubeSize, shaperSize > 0 ? shaperSize : null, shaper);
        var lut = LutFormats.Read(path);
        Assert.NotNull(lut.Lut3D);
        Assert.Equal(cubeSize, lut.Lut3D.Size);
        Assert.Equal(shaper, lut.HasShaper);

        var (min, max) = lut.Lut1D is { } l1 ? (l1.DomainMin, l1.DomainMax) : (lut.Lut3D.DomainMin, lut.Lut3D.DomainMax);
        var input = LutPixels.ForDomain(RandomPixels.Count, min, max, lut.Lut1D?.Size ?? cubeSize, seed: cubeSize + (shaper ? 1000 : 0));
        var actual = (float[])input.Clone();
        new CpuProcessor(lut.ToOps(ours)).Apply(actual);
        var reference = (float[])input.Clone();
        using (var ocio = OcioProcessor.FromFile(path, null, theirs))
        {
            ocio.Apply(reference, 4);
        }
        var range = lut.OutputRange();
        var (error, at) = LutPixels.MaxErrorOfRange(actual, reference, range);
        output.WriteLine($"{format} {file} {ours}: max error {error:E2} of range [{range.Min:G6}, {range.Max:G6}] " +
            $"at pixel {at / 4} (in {input[at / 4 * 4]:G9} {input[at / 4 * 4 + 1]:G9} {input[at / 4 * 4 + 2]:G9}: " +
            $"LiveGrade {actual[at]:G9}, OCIO {reference[at]:G9})");
        Assert.True(error <= LutPixels.VersusOcio,
            $"{format} {ours}: error {error:E3} of range > {LutPixels.VersusOcio:E0} at pixel {at / 4} channel {at % 4}: " +
            $"in ({input[at / 4 * 4]:G9}, {input[at / 4 * 4 + 1]:G9}, {input[at / 4 * 4 + 2]:G9}) " +
            $"LiveGrade {actual[at]:G9} OCIO {reference[at]:G9}");
    }
}
