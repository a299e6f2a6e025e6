using System.Globalization;
using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Color.Tests.Formats.Cdl;

/// <summary>
/// Exchange with OpenColorIO both ways: OCIO reads every file LiveGrade writes, LiveGrade reads OCIO's own CDL
/// test files, and in each case the two render the same pixels.
/// </summary>
public sealed class CdlFileVersusOcioTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The bar for exchange. Both sides apply the same double parameters (the text round-trips exactly)
    /// with the same operation order in single precision, so only float rounding may differ: the ulp of 1.0 is
    /// 1.2e-7 and outputs stay within a few units of 1, so 1e-6 allows a few ulp from a differently ordered
    /// saturation sum or another powf while any misread value (even in its 7th digit) fails.
    /// </summary>
    private const double ExchangeTolerance = 1e-6;

    // Negatives and values above 1 so that the clamping style shows: on [0, 1] alone v1.2 and no-clamp agree
    // more often than not.
    private static readonly float[] Pixels = RandomPixels.Uniform(RandomPixels.Count, -0.25, 1.5, seed: 31);

    // OCIO caches files by path, so every file written here gets a fresh name in a fresh folder.
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("livegrade-cdl-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(CdlFileKind.Correction, "cc")]
    [InlineData(CdlFileKind.Collection, "ccc")]
    [InlineData(CdlFileKind.DecisionList, "cdl")]
    public void OpenColorIO_reads_what_LiveGrade_writes(CdlFileKind kind, string extension)
    {
        var corrections = CdlFileWriterTests.RandomCorrections(kind == CdlFileKind.Correction ? 1 : 4, seed: 41 + (int)kind);
        if (kind != CdlFileKind.Correction)
        {
            corrections.Add(CdlFileWriterTests.Edges);
        }
        string path = Path.Combine(_dir.FullName, $"written.{extension}");
        output.WriteLine($"OpenColorIO {OcioLibrary.Version}");
        CdlFileWriter.WriteFile(path, new CdlFile(kind, corrections));

        foreach (var c in corrections)
        {
            using var fromFile = OcioProcessor.FromFile(path, c.Id);
            double ours = MaxError($"{extension} {c.Id}: LiveGrade vs OCIO file", Ours(c), fromFile);
            Assert.True(ours <= ExchangeTolerance, $"{c}: max error {ours:E3} against OCIO reading {path}");

            // OCIO applies CDL files in its no-clamp style: the file agrees with an OCIO CDL of that style...
            using var noClamp = OcioProcessor.FromCdl(c.Slope.ToArray(), c.Offset.ToArray(), c.Power.ToArray(),
                c.Saturation, OcioCdlStyle.NoClamp);
            double style = MaxError($"{extension} {c.Id}: OCIO file vs OCIO NoClamp CDL", Apply(fromFile), noClamp);
            Assert.True(style <= ExchangeTolerance, $"{c}: OCIO's file differs from its no-clamp CDL by {style:E3}");

            // ...and not with the v1.2 style, so the check above can tell the two apart on these pixels.
            using var asc = OcioProcessor.FromCdl(c.Slope.ToArray(), c.Offset.ToArray(), c.Power.ToArray(),
                c.Saturation, OcioCdlStyle.Asc);
            Assert.True(MaxError(null, Apply(fromFile), asc) > 1e-2, $"{c}: v1.2 and no-clamp styles look alike here");
        }
    }

    public static TheoryData<string> OcioTestFiles() => [.. DataFiles.Readable];

    [Theory]
    [MemberData(nameof(OcioTestFiles))]
    public void LiveGrade_reads_OpenColorIO_test_files_as_OpenColorIO_does(string name)
    {
        string path = DataFiles.Path(name);
        var file = CdlFileReader.Read(path);

        for (int i = 0; i < file.Corrections.Count; i++)
        {
            // Select each correction as a config would: by id, by index where it has none.
            string cccId = file.Corrections[i].Id ?? i.ToString(CultureInfo.InvariantCulture);
            var c = file.Find(cccId);
            Assert.Same(file.Corrections[i], c);
            using var ocio = OcioProcessor.FromFile(path, cccId);
            double max = MaxError($"{name} [{cccId}]: LiveGrade vs OCIO", Ours(c), ocio);
            Assert.True(max <= ExchangeTolerance, $"{name} [{cccId}] {c}: max error {max:E3} against OCIO");
        }
    }

    [Fact]
    public void ASC_SOP_elements_are_refused_where_OpenColorIO_silently_applies_identity()
    {
        string path = DataFiles.Path("cdl_test_ASC_SOP.cc");
        var e = Assert.Throws<InputException>(() => CdlFileReader.Read(path));
        Assert.Equal(2, e.Line);

        // The reason to refuse: OCIO drops the grade without a word.
        using var ocio = OcioProcessor.FromFile(path);
        var sop = new CdlCorrection(null, [1, 1, 1], [0, 0, 0], [1, 1, 1], 0.42);
        Assert.True(MaxError(null, Ours(sop), ocio) <= ExchangeTolerance);
    }

    private static float[] Ours(CdlCorrection c)
    {
        var rgba = (float[])Pixels.Clone();
        new CpuProcessor(new OpList().Add(c.ToOpData(CdlStyle.NoClamp))).Apply(rgba);
        return rgba;
    }

    private static float[] Apply(OcioProcessor processor)
    {
        var rgba = (float[])Pixels.Clone();
        processor.Apply(rgba, 4);
        return rgba;
    }

    private double MaxError(string? what, float[] actual, OcioProcessor reference)
    {
        var (max, _) = Tolerance.MaxError(actual, Apply(reference));
        if (what is not null)
        {
            output.WriteLine($"{what}: max error {max:E3} over {actual.Length / 4} pixels");
        }
        return max;
    }
}
