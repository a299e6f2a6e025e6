using LiveGrade.Color.Math;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Hlg;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Ops.Transfer;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Spaces;

/// <summary>
/// Every named colour space, and conversions between any two of them. Scene spaces meet in ACES2065-1;
/// displays hang off CIE-XYZ-D65, which meets ACES2065-1 through AP0 with Bradford adaptation (as OCIO's
/// "UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD").
/// </summary>
public static class ColorSpaceRegistry
{
    public const string Aces2065 = "ACES2065-1";
    public const string CieXyzD65 = "CIE-XYZ-D65";

    private static readonly Lazy<IReadOnlyList<ColorSpace>> s_all = new(Build);

    public static IReadOnlyList<ColorSpace> All => s_all.Value;

    /// <summary>Finds a space by name or alias, case-insensitively; null if unknown.</summary>
    public static ColorSpace? Find(string nameOrAlias) => All.FirstOrDefault(s =>
        string.Equals(s.Name, nameOrAlias, StringComparison.OrdinalIgnoreCase)
        || s.Aliases.Any(a => string.Equals(a, nameOrAlias, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Finds a space or throws an <see cref="InputException"/> listing what exists.</summary>
    public static ColorSpace Get(string nameOrAlias) => Find(nameOrAlias)
        ?? throw new InputException($"unknown colour space '{nameOrAlias}' (see `livegrade spaces`)");

    /// <summary>AP0 linear to CIE XYZ with a D65 white, Bradford adaptation.</summary>
    public static MatrixOpData AcesToXyzD65() => new(
        ChromaticAdaptation.Matrix(Gamuts.AcesWhite, Gamuts.D65, AdaptationMethod.Bradford) * Gamuts.Ap0.RgbToXyz());

    /// <summary>The ops converting <paramref name="src"/> to <paramref name="dst"/>, not yet optimised.</summary>
    public static OpList Conversion(ColorSpace src, ColorSpace dst)
    {
        var ops = new OpList();
        // src -> ACES2065-1
        if (src.IsDisplay)
        {
            ops.AddRange(src.ReferenceOps().Inverse().Ops);
            ops.Add(AcesToXyzD65().Inverse());
        }
        else
        {
            ops.AddRange(src.ReferenceOps().Ops);
        }
        // ACES2065-1 -> dst
        if (dst.IsDisplay)
        {
            ops.Add(AcesToXyzD65());
            ops.AddRange(dst.ReferenceOps().Ops);
        }
        else
        {
            ops.AddRange(dst.ReferenceOps().Inverse().Ops);
        }
        return ops;
    }

    private static ColorSpace Camera(string name, string description, string? builtin, string[] aliases,
        TransferCurve? curve, RgbPrimaries gamut, AdaptationMethod adaptation) =>
        new(name, ColorSpaceFamily.Camera, description, builtin, aliases, () => SceneToAces(curve, gamut, adaptation));

    private static OpList SceneToAces(TransferCurve? curve, RgbPrimaries gamut, AdaptationMethod adaptation)
    {
        var ops = new OpList();
        if (curve is not null)
        {
            ops.Add(new TransferOpData(curve, TransformDirection.Inverse));
        }
        ops.Add(new MatrixOpData(ChromaticAdaptation.RgbToRgb(gamut, Gamuts.Ap0, adaptation)));
        return ops;
    }

    private static ColorSpace Display(string name, string description, string? builtin, string[] aliases,
        RgbPrimaries gamut, Func<IEnumerable<ColorOpData>> encode) =>
        new(name, ColorSpaceFamily.Display, description, builtin, aliases, () =>
            new OpList().Add(new MatrixOpData(gamut.XyzToRgb())).AddRange(encode()));

    /// <summary>
    /// BT.2100 HLG for a display of the given peak: XYZ to BT.2020 with the inverse OOTF's input scale folded
    /// into the matrix, the inverse OOTF, then the OETF.
    /// </summary>
    private static ColorOpData[] HlgDisplay(double peakNits)
    {
        var ootf = new HlgInverseOotfOpData(peakNits);
        var scale = ootf.InputScale;
        return [new MatrixOpData(Matrix3.Diagonal(scale, scale, scale)), ootf,
            new TransferOpData(HlgOetfCurve.Instance, TransformDirection.Forward)];
    }

    private static IReadOnlyList<ColorSpace> Build()
    {
        // The ACES IDTs adapt a camera's D65 white to the ACES white with CAT02 for ARRI, Sony and Canon and
        // with Bradford for RED and Panasonic; OpenColorIO's builtins do the same, and so must we.
        const AdaptationMethod Idt = AdaptationMethod.Cat02;
        const AdaptationMethod Bfd = AdaptationMethod.Bradford;
        static TransferOpData Encode(TransferCurve c) => new(c, TransformDirection.Forward);

        return
        [
            // Camera log encodings with their native gamuts.
            Camera("ARRI LogC3 (EI800)", "ARRI ALEXA LogC3 (EI 800) with ARRI Wide Gamut 3",
                "ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1", ["logc3", "logc", "arri-logc3"], LogCameraCurve.LogC3Ei800, Gamuts.AriWideGamut3, Idt),
            Camera("ARRI LogC4", "ARRI LogC4 with ARRI Wide Gamut 4", null, ["logc4", "arri-logc4"],
                LogC4Curve.Instance, Gamuts.AriWideGamut4, Idt),
            Camera("S-Log3 S-Gamut3", "Sony S-Log3 with S-Gamut3", "SONY_SLOG3-SGAMUT3_to_ACES2065-1",
                ["slog3", "slog3-sgamut3"], LogCameraCurve.SLog3, Gamuts.SGamut3, Idt),
            Camera("S-Log3 S-Gamut3.Cine", "Sony S-Log3 with S-Gamut3.Cine", "SONY_SLOG3-SGAMUT3.CINE_to_ACES2065-1",
                ["slog3-cine", "slog3-sgamut3cine"], LogCameraCurve.SLog3, Gamuts.SGamut3Cine, Idt),
            Camera("Log3G10 REDWideGamutRGB", "RED Log3G10 with REDWideGamutRGB", "RED_LOG3G10-RWG_to_ACES2065-1",
                ["log3g10", "red-log3g10"], LogCameraCurve.Log3G10, Gamuts.RedWideGamut, Bfd),
            Camera("CanonLog2 CinemaGamut D55", "Canon Log 2 with Cinema Gamut", "CANON_CLOG2-CGAMUT_to_ACES2065-1",
                ["clog2", "canonlog2"], CanonLog2Curve.Instance, Gamuts.CinemaGamut, Idt),
            Camera("CanonLog3 CinemaGamut D55", "Canon Log 3 with Cinema Gamut", "CANON_CLOG3-CGAMUT_to_ACES2065-1",
                ["clog3", "canonlog3"], CanonLog3Curve.Instance, Gamuts.CinemaGamut, Idt),
            Camera("V-Log V-Gamut", "Panasonic V-Log with V-Gamut", "PANASONIC_VLOG-VGAMUT_to_ACES2065-1",
                ["vlog", "panasonic-vlog"], LogCameraCurve.VLog, Gamuts.VGamut, Bfd),

            // The cameras' linear gamuts.
            Camera("Linear ARRI Wide Gamut 3", "scene-linear ARRI Wide Gamut 3", null, ["lin-awg3"], null, Gamuts.AriWideGamut3, Idt),
            Camera("Linear ARRI Wide Gamut 4", "scene-linear ARRI Wide Gamut 4", null, ["lin-awg4"], null, Gamuts.AriWideGamut4, Idt),
            Camera("Linear S-Gamut3", "scene-linear S-Gamut3", null, ["lin-sgamut3"], null, Gamuts.SGamut3, Idt),
            Camera("Linear S-Gamut3.Cine", "scene-linear S-Gamut3.Cine", null, ["lin-sgamut3cine"], null, Gamuts.SGamut3Cine, Idt),
            Camera("Linear REDWideGamutRGB", "scene-linear REDWideGamutRGB", null, ["lin-rwg"], null, Gamuts.RedWideGamut, Bfd),
            Camera("Linear CinemaGamut D55", "scene-linear Canon Cinema Gamut", null, ["lin-cgamut"], null, Gamuts.CinemaGamut, Idt),
            Camera("Linear V-Gamut", "scene-linear V-Gamut", null, ["lin-vgamut"], null, Gamuts.VGamut, Bfd),

            // Working spaces.
            new(Aces2065, ColorSpaceFamily.Working, "ACES2065-1: linear AP0, the ACES interchange space", "IDENTITY",
                ["aces", "ap0"], () => new OpList()),
            new("ACEScg", ColorSpaceFamily.Working, "ACEScg: linear AP1", "ACEScg_to_ACES2065-1", ["acescg", "ap1"],
                () => SceneToAces(null, Gamuts.Ap1, AdaptationMethod.None)),
            new("ACEScct", ColorSpaceFamily.Working, "ACEScct: AP1 with the ACEScct log curve (grading)", "ACEScct_to_ACES2065-1",
                ["acescct"], () => SceneToAces(LogCameraCurve.AcesCct, Gamuts.Ap1, AdaptationMethod.None)),
            new("ACEScc", ColorSpaceFamily.Working, "ACEScc: AP1 with the pure-log ACEScc curve", "ACEScc_to_ACES2065-1",
                ["acescc"], () => SceneToAces(AcesCcCurve.Instance, Gamuts.Ap1, AdaptationMethod.None)),
            new(CieXyzD65, ColorSpaceFamily.Working, "CIE XYZ with a D65 white (display-referred connection space)", null,
                ["xyz", "xyz-d65"], () => new OpList().Add(AcesToXyzD65().Inverse())),
            new("Linear Rec.709 (sRGB)", ColorSpaceFamily.Working, "scene-linear Rec.709 primaries, D65", null,
                ["lin-rec709", "lin-srgb"], () => SceneToAces(null, Gamuts.Rec709, AdaptationMethod.Bradford)),
            new("Linear Rec.2020", ColorSpaceFamily.Working, "scene-linear Rec.2020 primaries, D65", null,
                ["lin-rec2020"], () => SceneToAces(null, Gamuts.Rec2020, AdaptationMethod.Bradford)),
            new("Linear P3-D65", ColorSpaceFamily.Working, "scene-linear P3 primaries, D65", null,
                ["lin-p3d65"], () => SceneToAces(null, Gamuts.P3D65, AdaptationMethod.Bradford)),

            // Displays (from CIE-XYZ-D65; no adaptation since every display white here is D65).
            Display("Rec.1886 Rec.709 - Display", "Rec.709 primaries, Rec.1886 gamma 2.4 (HD video)",
                "DISPLAY - CIE-XYZ-D65_to_REC.1886-REC.709", ["rec709", "rec1886"], Gamuts.Rec709, () => [Encode(GammaCurve.Rec1886)]),
            Display("Rec.1886 Rec.2020 - Display", "Rec.2020 primaries, Rec.1886 gamma 2.4 (UHD SDR)",
                "DISPLAY - CIE-XYZ-D65_to_REC.1886-REC.2020", ["rec2020", "rec1886-rec2020"], Gamuts.Rec2020, () => [Encode(GammaCurve.Rec1886)]),
            Display("Gamma 2.2 Rec.709 - Display", "Rec.709 primaries, pure gamma 2.2",
                "DISPLAY - CIE-XYZ-D65_to_G2.2-REC.709", ["g22-rec709"], Gamuts.Rec709, () => [Encode(GammaCurve.Gamma22)]),
            Display("sRGB - Display", "sRGB (piecewise curve, Rec.709 primaries)", "DISPLAY - CIE-XYZ-D65_to_sRGB",
                ["srgb"], Gamuts.Rec709, () => [Encode(SrgbCurve.Instance)]),
            Display("Rec.2100-PQ - Display", "Rec.2020 primaries, ST 2084 PQ (HDR)", "DISPLAY - CIE-XYZ-D65_to_REC.2100-PQ",
                ["pq", "rec2100-pq"], Gamuts.Rec2020, () => [Encode(PqCurve.Instance)]),
            Display("ST2084-P3-D65 - Display", "P3-D65 primaries, ST 2084 PQ (HDR mastering)", "DISPLAY - CIE-XYZ-D65_to_ST2084-P3-D65",
                ["pq-p3d65", "st2084-p3d65"], Gamuts.P3D65, () => [Encode(PqCurve.Instance)]),
            Display("Rec.2100-HLG - Display", "Rec.2020 primaries, HLG for a 1000 cd/m² display (inverse OOTF, then OETF)",
                "DISPLAY - CIE-XYZ-D65_to_REC.2100-HLG-1000nit", ["hlg", "rec2100-hlg"], Gamuts.Rec2020,
                () => HlgDisplay(1000)),
        ];
    }
}
