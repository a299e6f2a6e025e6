using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Library.Exchange;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Library.Exchange;

/// <summary>
/// The looks' .cdl, .cc and .ccc exports read by OpenColorIO (FileTransform, the way a dailies system would) grade
/// exactly as LiveGrade's own CDL does; and OpenColorIO's own CDL test files import into the library with the
/// values OpenColorIO applies.
/// </summary>
public sealed class CdlExportVersusOcioTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The issue's bar (1e-6). Both sides apply the same doubles (the text reads back exactly) with the same
    /// operations in single precision, so only float rounding differs: a few ulp of values near 1 (ulp 1.2e-7).
    /// </summary>
    private const double ExchangeTolerance = 1e-6;

    private static readonly float[] Pixels = RandomPixels.Uniform(RandomPixels.Count, -0.25, 1.5, seed: 77);

    // OCIO caches files by path: every file gets a fresh folder.
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("livegrade-cdl-export-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(LookExportFormat.Cdl, false)]
    [InlineData(LookExportFormat.Ccc, false)]
    [InlineData(LookExportFormat.Cc, true)]
    [InlineData(LookExportFormat.Cdl, true)]
    public void OpenColorIO_grades_every_exported_look_as_LiveGrade_does(LookExportFormat format, bool folder)
    {
        var looks = Records.Day();
        string target = folder ? _dir.FullName + "/" : Path.Combine(_dir.FullName, "day" + LookExporter.Extension(format));
        var written = LookExporter.ToPath(looks, format, target, new LookExportOptions());
        Assert.Equal(folder ? looks.Count : 1, written.Count);
        var ids = ExchangeText.CorrectionIds(looks);
        double worst = 0;
        for (int i = 0; i < looks.Count; i++)
        {
            string file = folder ? written[i] : written[0];
            // OpenColorIO 2.1 asks for a cccid for any .cdl or .ccc, even one holding a single correction.
            string? cccId = format == LookExportFormat.Cc ? null : ids[i];
            using var ocio = OcioProcessor.FromFile(file, cccId);
            var theirs = (float[])Pixels.Clone();
            ocio.Apply(theirs, 4);
            var ours = (float[])Pixels.Clone();
            new CpuProcessor(new OpList().Add(looks[i].Cdl.ToOpData(CdlStyle.NoClamp))).Apply(ours);
            double max = Tolerance.MaxError(ours, theirs).MaxError;
            worst = Math.Max(worst, max);
            Assert.True(max <= ExchangeTolerance, $"{looks[i].Slot}: max error {max:E3} against OCIO reading {file}");

            // The file also reads back into LiveGrade with the very same numbers.
            var back = CdlFileReader.Read(file).Find(cccId);
            Assert.True(back.SameValues(looks[i].Cdl));
            Assert.Equal("ACEScct", back.InputDescription);
        }
        output.WriteLine($"{format} ({(folder ? "one file per look" : "one file")}): {looks.Count} looks, worst {worst:E3} vs OCIO {OcioLibrary.Version}");
    }

    /// <summary>
    /// A CLF of the whole look (input transform, CDL, output transform) applies in OpenColorIO as the look's own
    /// pipeline does in LiveGrade. OCIO runs its CLF ops in its own single-precision code: the bound is the CLF
    /// comparison tests' (1e-5, relative above 1).
    /// </summary>
    [Fact]
    public void OpenColorIO_applies_a_whole_look_exported_as_CLF_as_LiveGrade_does()
    {
        var looks = Records.Day();
        var written = LookExporter.ToPath(looks, LookExportFormat.Clf, _dir.FullName + "/", new LookExportOptions());
        Assert.Equal(looks.Count, written.Count);
        var pixels = RandomPixels.Uniform(RandomPixels.Count, 0, 1, seed: 78);
        double worst = 0;
        for (int i = 0; i < looks.Count; i++)
        {
            using var ocio = OcioProcessor.FromFile(written[i], null);
            var theirs = (float[])pixels.Clone();
            ocio.Apply(theirs, 4);
            var ours = (float[])pixels.Clone();
            new CpuProcessor(LookPipeline.Build(looks[i].Look)).Apply(ours);
            double max = Tolerance.MaxError(ours, theirs).MaxError;
            worst = Math.Max(worst, max);
            Assert.True(max <= 1e-5, $"{looks[i].Slot}: max error {max:E3} against OCIO reading {written[i]}");
        }
        output.WriteLine($"clf: {looks.Count} looks, worst {worst:E3} vs OCIO {OcioLibrary.Version}");
    }

    public static TheoryData<string> OcioFiles() => ["cdl_test1.ccc", "cdl_test1.cdl", "cdl_test2.cc", "cdl_test_SATNode.cc", "cdl_test_cc_file_with_extension.ccc", "show_cdls.ccc"];

    [Theory]
    [MemberData(nameof(OcioFiles))]
    public void OpenColorIO_test_files_import_with_the_values_OpenColorIO_applies(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Library", "OcioCdl", name);
        var drafts = LookImporter.Read(path, new ImportOptions { Camera = "A", Author = "test" });
        var file = CdlFileReader.Read(path);
        Assert.Equal(file.Corrections.Count, drafts.Count);
        for (int i = 0; i < drafts.Count; i++)
        {
            using var ocio = OcioProcessor.FromFile(path, file.Corrections[i].Id ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var theirs = (float[])Pixels.Clone();
            ocio.Apply(theirs, 4);
            var ours = (float[])Pixels.Clone();
            new CpuProcessor(new OpList().Add(drafts[i].Cdl.ToOpData(drafts[i].CdlStyle))).Apply(ours);
            double max = Tolerance.MaxError(ours, theirs).MaxError;
            Assert.True(max <= ExchangeTolerance, $"{name}[{i}]: max error {max:E3}");
            Assert.Equal(file.Corrections[i].Id ?? "", drafts[i].Slot.Clip);
        }
    }
}
