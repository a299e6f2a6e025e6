using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Ocio;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Spaces;
using LiveGrade.Color.Tests.Reference;
using LiveGrade.Engine.Library;
using LiveGrade.Engine.Library.Exchange;
using LiveGrade.Engine.Tests.Library.Exchange;
using LiveGrade.Interop.Ocio;
using Xunit.Abstractions;

namespace LiveGrade.Engine.Tests.Library;

/// <summary>The pipeline a look stands for, and the per-camera LUT baked from it, against OpenColorIO.</summary>
public sealed class LookPipelineTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("livegrade-bake-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void The_pipeline_is_camera_to_working_CDL_LUTs_then_the_output_transform()
    {
        var look = Samples.Full();
        var ops = LookPipeline.Build(look).Ops;
        // LogC3 -> ACEScct (curve + matrix, matrix + curve), CDL, the LUT, then ACEScct -> ACES, OCIO output, XYZ -> display.
        Assert.Contains(ops, o => o is Color.Ops.Cdl.CdlOpData);
        Assert.Contains(ops, o => o is Color.Ops.Lut3D.Lut3DOpData);
        var ocio = Assert.Single(ops.OfType<OcioOpData>());
        Assert.Contains("SDR-VIDEO_1.0", ocio.Description);
        int cdl = ops.ToList().FindIndex(o => o is Color.Ops.Cdl.CdlOpData);
        int lut = ops.ToList().FindIndex(o => o is Color.Ops.Lut3D.Lut3DOpData);
        Assert.True(cdl < lut && lut < ops.ToList().IndexOf(ocio));
    }

    [Fact]
    public void A_baked_camera_LUT_reproduces_the_look_in_OpenColorIO()
    {
        // LogC3 camera, CDL in ACEScct, ACES 1.0 SDR output to Rec.709: what a LUT box on set would get.
        var record = Records.Of(Samples.Draft("A", "3", "1", "A001", "A001C001", seed: 11) with { OutputTransform = "aces-sdr-rec709" });
        var files = LookExporter.ToPath([record], LookExportFormat.Cube, _dir.FullName + "/", new LookExportOptions { CubeSize = 65 });
        string cube = Assert.Single(files);

        // 1) At the lattice points the file holds the look itself: OCIO reading it there gives what LiveGrade's
        // pipeline computes, to the .cube text precision (8 significant digits: a few 1e-8 at 1.0).
        const int N = 65;
        var lattice = new float[N * N * N * 4];
        for (int b = 0, i = 0; b < N; b++)
        {
            for (int g = 0; g < N; g++)
            {
                for (int r = 0; r < N; r++, i += 4)
                {
                    (lattice[i], lattice[i + 1], lattice[i + 2], lattice[i + 3]) = ((float)r / (N - 1), (float)g / (N - 1), (float)b / (N - 1), 1f);
                }
            }
        }
        var ours = (float[])lattice.Clone();
        new CpuProcessor(LookPipeline.Build(record.Look)).Apply(ours);
        double exact = Tolerance.MaxError(Through(cube, lattice), ours).MaxError;
        output.WriteLine($"file at the {N}^3 lattice points vs LiveGrade's pipeline: max error {exact:E3}");
        Assert.True(exact <= 1e-6, $"lattice max error {exact:E3}");
        // Over the whole lattice (every code value, saturated corners included) LiveGrade's pipeline against
        // OCIO's: measured 4.5e-5, at a saturated colour whose blue channel ends near display black, where the
        // Rec.1886 encode (x^(1/2.4), steep near 0) magnifies single-precision differences some 40x.
        output.WriteLine($"LiveGrade's pipeline vs OCIO's chain over the lattice: {Tolerance.MaxError(ours, OcioChain(record, lattice)).MaxError:E3}");

        // 2) Between lattice points it is an interpolation, as any LUT box does. Camera code values where pictures
        // live (near-neutral LogC3 from deep shadow to highlights):
        var px = RandomPixels.NearNeutral(RandomPixels.Count, 0.1, 0.75, 0.08, seed: 12);
        var viaLut = Through(cube, px);
        var reference = OcioChain(record, px);
        var direct = (float[])px.Clone();
        new CpuProcessor(LookPipeline.Build(record.Look)).Apply(direct);
        double pipeline = Tolerance.MaxError(direct, reference).MaxError;
        output.WriteLine($"LiveGrade's pipeline vs OCIO's chain on these pixels: max error {pipeline:E3}");
        Assert.True(pipeline <= Tolerance.VersusOcio, $"pipeline max error {pipeline:E3}");
        var errors = new List<double>(px.Length / 4);
        for (int i = 0; i < px.Length; i += 4)
        {
            errors.Add(Tolerance.MaxError(viaLut.AsSpan(i, 4), reference.AsSpan(i, 4)).MaxError);
        }
        errors.Sort();
        double p50 = errors[errors.Count / 2], p99 = errors[errors.Count * 99 / 100], max = errors[^1];
        output.WriteLine($"{N}^3 camera LUT vs OCIO's own chain on {errors.Count} pixels: median {p50:E3}, p99 {p99:E3}, max {max:E3}");
        // Measured median 2.0e-4, p99 1.7e-3, max 6.5e-2: the worst pixels are where the display encoding clips a
        // channel at 0 inside one lattice cell (a kink no trilinear or tetrahedral cell can follow). Bounds: the
        // median within one 10-bit code value (1/1023), 99% within four.
        Assert.True(p50 <= 1.0 / 1023, $"median error {p50:E3}");
        Assert.True(p99 <= 4.0 / 1023, $"p99 error {p99:E3}");
    }

    private static float[] Through(string cube, float[] pixels)
    {
        var result = (float[])pixels.Clone();
        using var lut = OcioProcessor.FromFile(cube, interpolation: OcioInterpolation.Tetrahedral);
        lut.Apply(result, 4);
        return result;
    }

    /// <summary>The look computed entirely by OpenColorIO: its LogC3 and ACEScct builtins, its CDL, its ACES output.</summary>
    private static float[] OcioChain(LookRecord record, float[] pixels)
    {
        var result = (float[])pixels.Clone();
        var cdl = record.Cdl;
        using var toAces = OcioProcessor.FromBuiltin("ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1");
        using var toCct = OcioProcessor.FromBuiltin("ACEScct_to_ACES2065-1", OcioDirection.Inverse);
        using var grade = OcioProcessor.FromCdl(cdl.Slope.ToArray(), cdl.Offset.ToArray(), cdl.Power.ToArray(), cdl.Saturation, OcioCdlStyle.NoClamp);
        using var fromCct = OcioProcessor.FromBuiltin("ACEScct_to_ACES2065-1");
        using var odt = OcioProcessor.FromBuiltin("ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0");
        using var display = OcioProcessor.FromBuiltin("DISPLAY - CIE-XYZ-D65_to_REC.1886-REC.709");
        foreach (var p in new[] { toAces, toCct, grade, fromCct, odt, display })
        {
            p.Apply(result, 4);
        }
        return result;
    }
}
