using LiveGrade.Color.Looks;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Ocio;
using LiveGrade.Color.Ops.Transfer;
using LiveGrade.Color.Spaces;
using LiveGrade.Engine.Control;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Turns a camera's look and an output's view into the op list that makes the output's picture from the
/// camera signal:
/// <list type="bullet">
/// <item>graded: camera → working space (ACEScct by default) → CDL → look LUTs → display transform → calibration</item>
/// <item>lut: the same without the CDL (what the show LUT alone does)</item>
/// <item>clean: camera → display transform → calibration (no grade)</item>
/// </list>
/// Display transforms: rec1886 = ACES 1.0 SDR video output transform then Rec.1886/Rec.709 encoding;
/// pq1000 = ACES 1.1 HDR video 1000 nit (Rec.2020 limited) then ST 2084 PQ; hlg = the same 1000 nit
/// rendering then BT.2100 HLG; none = the working signal as is. The ACES transforms are OpenColorIO's
/// builtins (the reference implementation), CDLs are applied unclamped as OpenColorIO applies CDL files.
/// <para>The chain comes in three parts (<see cref="LookParts"/>) so that the CPU renderer can bake the
/// smooth body into a 3D LUT and apply the display encoding curve exactly: a lattice cannot follow the
/// root-like start of an encoding curve (5% error near black on saturated colours, measured).</para>
/// </summary>
public sealed class LookCompiler(string workingSpace, string baseDirectory)
{
    private const string AcesSdrVideo = "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0";
    private const string AcesHdr1000 = "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - HDR-VIDEO-1000nit-15nit-REC2020lim_1.1";

    /// <summary>"ACEScct" or "camera" (grade in the camera's own encoding).</summary>
    public string WorkingSpace { get; } = workingSpace;

    /// <summary>The whole chain as one op list (the exact reference, and the GPU's input).</summary>
    public OpList Build(ColorSpace camera, CameraState look, string view, string display, string? calibration)
    {
        var parts = BuildParts(camera, look, view, display, calibration);
        return new OpList().AddRange(parts.Body.Ops).AddRange(parts.Encoding.Ops).AddRange(parts.Calibration.Ops);
    }

    /// <summary>The chain split into the body (ending in display-linear light), the encoding curve, and the calibration LUT.</summary>
    public LookParts BuildParts(ColorSpace camera, CameraState look, string view, string display, string? calibration)
    {
        var working = string.Equals(WorkingSpace, "camera", StringComparison.OrdinalIgnoreCase) ? camera : ColorSpaceRegistry.Get(WorkingSpace);
        var ops = new OpList();
        ColorSpace current;
        if (view == "clean")
        {
            current = camera;
        }
        else
        {
            ops.AddRange(ColorSpaceRegistry.Conversion(camera, working).Ops);
            if (view == "graded")
            {
                var c = look.Cdl;
                ops.Add(new CdlOpData([c.Slope.R, c.Slope.G, c.Slope.B], [c.Offset.R, c.Offset.G, c.Offset.B], [c.Power.R, c.Power.G, c.Power.B], c.Sat, CdlStyle.NoClamp));
            }
            foreach (var lut in look.Luts)
            {
                ops.AddRange(LookFiles.Load(Resolve(lut), null, CdlStyle.NoClamp, Lut3DInterpolation.Tetrahedral).Ops);
            }
            current = working;
        }
        AddDisplay(ops, current, display);
        // Peel the trailing per-channel encoding curve(s) off the body.
        var all = ops.Ops;
        int split = EncodingStart(all);
        var calibrationOps = calibration is null ? new OpList()
            : LookFiles.Load(Resolve(calibration), null, CdlStyle.NoClamp, Lut3DInterpolation.Tetrahedral);
        return new LookParts(new OpList(all.Take(split)), new OpList(all.Skip(split)), calibrationOps);
    }

    /// <summary>
    /// The per-channel encoding curve a display ends in (rec1886, pq1000, hlg), as the CPU renderer runs it after
    /// its lattice (<see cref="CompiledLook"/>); what `bench cpu --encode` times.
    /// </summary>
    public static OpList DisplayEncoding(string display)
    {
        var ops = new OpList();
        AddDisplay(ops, ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065), display);
        return new OpList(ops.Ops.Skip(EncodingStart(ops.Ops)));
    }

    /// <summary>Where the trailing run of transfer curves (the display encoding) starts.</summary>
    private static int EncodingStart(IReadOnlyList<ColorOpData> ops)
    {
        int split = ops.Count;
        while (split > 0 && ops[split - 1] is TransferOpData) split--;
        return split;
    }

    private static void AddDisplay(OpList ops, ColorSpace from, string display)
    {
        if (display == "none") return;
        var aces = ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065);
        ops.AddRange(ColorSpaceRegistry.Conversion(from, aces).Ops);
        switch (display)
        {
            case "rec1886":
                ops.Add(OcioOpData.Builtin(AcesSdrVideo));
                ops.AddRange(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get("rec709")).Ops);
                break;
            // The registry's PQ and HLG displays equal OCIO's "DISPLAY - CIE-XYZ-D65_to_REC.2100-PQ" and
            // "..._HLG-1000nit" builtins (tested in the colour core), as separate ops that can be split.
            case "pq1000":
                ops.Add(OcioOpData.Builtin(AcesHdr1000));
                ops.AddRange(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get("pq")).Ops);
                break;
            case "hlg":
                ops.Add(OcioOpData.Builtin(AcesHdr1000));
                ops.AddRange(ColorSpaceRegistry.Conversion(ColorSpaceRegistry.Get(ColorSpaceRegistry.CieXyzD65), ColorSpaceRegistry.Get("hlg")).Ops);
                break;
            default:
                throw new ArgumentException($"unknown display '{display}'", nameof(display));
        }
    }

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path);
}

/// <summary>A look chain in three parts: body (to display-linear), encoding curve (per channel), calibration.</summary>
public sealed record LookParts(OpList Body, OpList Encoding, OpList Calibration);
