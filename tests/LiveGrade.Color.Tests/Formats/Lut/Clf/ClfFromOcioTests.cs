using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Color.Tests.Reference;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Lut.Clf;

/// <summary>
/// CLF files written by OpenColorIO's own tools load in LiveGrade and apply like OCIO applies them
/// (same tolerances as <see cref="ClfVersusOcioTests"/>). OCIO 2.1's ociobakelut refuses
/// <c>--format clf</c> ("does not support baking"), so its CLF writers are used instead: <c>ociowrite</c>
/// (a config's transform as CLF: CDL, Exponent, Log nodes) and <c>ociomakeclf</c> (a baked LUT as CLF: the
/// shaper's domain as a Matrix, LUT1D, LUT3D; with <c>--csc</c> wrapped in camera/ACES conversions).
/// </summary>
public class ClfFromOcioTests(OcioBakeLut bake, ITestOutputHelper output) : IClassFixture<OcioBakeLut>
{
    private readonly ClfVersusOcioTests _compare = new(bake, output);

    [Theory]
    [InlineData("graded", "ociowrite_cdl_exponent.clf")]
    [InlineData("log", "ociowrite_log.clf")]
    public void Ociowrite_output_matches_OCIO(string space, string file)
    {
        var path = bake.Write(space, file);
        var list = ClfReader.Read(path);
        output.WriteLine(string.Join(" -> ", list.Nodes.Select(n => n.Element)));
        _compare.Compare(path, list, file);
    }

    [Theory]
    [InlineData("resolve_cube", "shaper.cube", true, null)]
    [InlineData("flame", "flame.3dl", false, null)]
    [InlineData("resolve_cube", "shaper_acescct.cube", true, "ACEScct")]
    [InlineData("resolve_cube", "shaper_logc3.cube", true, "ARRI_ALEXA-LOGC-EI800-AWG")]
    public void Ociomakeclf_output_matches_OCIO(string format, string lutFile, bool shaper, string? csc)
    {
        var lut = bake.Bake(format, lutFile, 17, shaper ? 256 : null, shaper);
        var path = Path.Combine(bake.Directory, Path.GetFileNameWithoutExtension(lutFile) + ".clf");
        var args = new List<string> { lut, path };
        if (csc is not null)
        {
            args.AddRange(["--csc", csc]);
        }
        OcioBakeLut.Run("ociomakeclf", args);
        var list = ClfReader.Read(path);
        output.WriteLine(string.Join(" -> ", list.Nodes.Select(n => n.Element)));
        _compare.Compare(path, list, path);

        if (csc is null)
        {
            // Just a LUT: the process list reads as the LUT file it came from (the shaper's domain matrix folded back).
            var asLut = list.ToLutFile();
            Assert.NotNull(asLut);
            var original = LutFormats.Read(lut);
            Assert.Equal(original.HasShaper, asLut.HasShaper);
            Assert.Equal(original.Lut3D!.Size, asLut.Lut3D!.Size);
            if (original.Lut1D is { } shaperLut)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(shaperLut.DomainMin[c], asLut.Lut1D!.DomainMin[c], 1e-9);
                    Assert.Equal(shaperLut.DomainMax[c], asLut.Lut1D.DomainMax[c], 1e-6);
                }
            }
        }
        else
        {
            Assert.Null(list.ToLutFile());
            Assert.Contains(list.Nodes, n => n.Element == "Log");
        }
    }
}
