using LiveGrade.Color.Spaces;

namespace LiveGrade.Engine.Library;

/// <summary>
/// An output transform a look can be judged through: the ACES 1.x Output Transform as OpenColorIO 2.1 builds it
/// (its builtin, then the display encoding from CIE XYZ), and the ACES transform IDs that name the same thing
/// in an AMF. ACES 1.x, because that is what LiveGrade renders (OCIO 2.1 has no ACES 2 output transforms): an
/// AMF naming ACES 2 transforms would describe a different picture from the one the DIT saw.
/// </summary>
/// <param name="Name">The key stored with a look and given on the command line.</param>
/// <param name="OcioBuiltin">OCIO 2.1 builtin from ACES2065-1 to display-referred CIE XYZ D65.</param>
/// <param name="Display">The LiveGrade display space that encodes that XYZ.</param>
/// <param name="AcesIds">One RRTODT id, or the RRT and ODT ids, as the ACES AMF examples name them.</param>
public sealed record AcesOutputTransform(string Name, string Description, string OcioBuiltin, string Display, IReadOnlyList<string> AcesIds);

/// <summary>
/// ACES transform IDs (the "urn:ampas:aces:transformId:v1.5:..." names the AMF schema requires) for LiveGrade's
/// colour spaces and output transforms. Every ID here is copied from the ACES project's own files: the AMF
/// examples generated from the ACES 1.3 transforms (aces-amf, examples/generated/aces1/) and the ACEStransformID
/// headers of the ACES 1.3 CTL transforms. A space without an entry has no ACES 1.x transform (LogC4 has an
/// IDT but no CSC; the linear camera gamuts have none) and an AMF needing it is refused rather than guessed.
/// </summary>
public static class AcesTransformIds
{
    public const string Prefix = "urn:ampas:aces:transformId:v1.5:";

    /// <summary>ACES system version written in the AMF pipelineInfo: the 1.3 release these IDs belong to.</summary>
    public static readonly (int Major, int Minor, int Patch) SystemVersion = (1, 3, 0);

    // Camera or working space -> (to ACES, from ACES). "From" is null where ACES 1.3 has no inverse CSC that we
    // could confirm; such a space can be an input transform but not a CDL working space in an AMF.
    private static readonly Dictionary<string, (string To, string? From)> s_spaces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ARRI LogC3 (EI800)"] = ("ACEScsc.Academy.LogC_EI800_AWG_to_ACES.a1.1.0", "ACEScsc.Academy.ACES_to_LogC_EI800_AWG.a1.1.0"),
        ["ARRI LogC4"] = ("IDT.ARRI.ARRI-LogC4.a1.v1", null),
        ["S-Log3 S-Gamut3"] = ("ACEScsc.Academy.SLog3_SGamut3_to_ACES.a1.1.0", null),
        ["S-Log3 S-Gamut3.Cine"] = ("ACEScsc.Academy.SLog3_SGamut3Cine_to_ACES.a1.1.0", null),
        ["Log3G10 REDWideGamutRGB"] = ("ACEScsc.Academy.Log3G10_RWG_to_ACES.a1.1.0", null),
        ["CanonLog2 CinemaGamut D55"] = ("ACEScsc.Academy.CLog2_CGamut_to_ACES.a1.1.0", null),
        ["CanonLog3 CinemaGamut D55"] = ("ACEScsc.Academy.CLog3_CGamut_to_ACES.a1.1.0", null),
        ["V-Log V-Gamut"] = ("ACEScsc.Academy.VLog_VGamut_to_ACES.a1.1.0", null),
        ["ACEScct"] = ("ACEScsc.Academy.ACEScct_to_ACES.a1.0.3", "ACEScsc.Academy.ACES_to_ACEScct.a1.0.3"),
        ["ACEScg"] = ("ACEScsc.Academy.ACEScg_to_ACES.a1.0.3", "ACEScsc.Academy.ACES_to_ACEScg.a1.0.3"),
    };

    private const string Rrt = "RRT.a1.0.3";

    /// <summary>The output transforms a look can name, keyed by <see cref="AcesOutputTransform.Name"/>.</summary>
    public static IReadOnlyList<AcesOutputTransform> Outputs { get; } =
    [
        new("aces-sdr-rec709", "ACES 1.0 Output - Rec.709 (100 nits, dim)", "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0",
            "Rec.1886 Rec.709 - Display", [Rrt, "ODT.Academy.Rec709_100nits_dim.a1.0.3"]),
        new("aces-sdr-rec2020", "ACES 1.0 Output - Rec.2020 (100 nits, dim)", "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0",
            "Rec.1886 Rec.2020 - Display", [Rrt, "ODT.Academy.Rec2020_100nits_dim.a1.0.3"]),
        new("aces-sdr-srgb", "ACES 1.0 Output - sRGB (100 nits, dim)", "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - SDR-VIDEO_1.0",
            "sRGB - Display", [Rrt, "ODT.Academy.RGBmonitor_100nits_dim.a1.0.3"]),
        new("aces-hdr-pq1000-rec2020", "ACES 1.1 Output - Rec.2020 ST2084 (1000 nits)",
            "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - HDR-VIDEO-1000nit-15nit-REC2020lim_1.1",
            "Rec.2100-PQ - Display", ["RRTODT.Academy.Rec2020_1000nits_15nits_ST2084.a1.1.0"]),
        new("aces-hdr-pq1000-p3d65", "ACES 1.1 Output - P3-D65 ST2084 (1000 nits)",
            "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - HDR-VIDEO-1000nit-15nit-P3lim_1.1",
            "ST2084-P3-D65 - Display", ["RRTODT.Academy.P3D65_1000nits_15nits_ST2084.a1.1.0"]),
        new("aces-hdr-hlg1000-rec2020", "ACES 1.1 Output - Rec.2020 HLG (1000 nits)",
            "ACES-OUTPUT - ACES2065-1_to_CIE-XYZ-D65 - HDR-VIDEO-1000nit-15nit-REC2020lim_1.1",
            "Rec.2100-HLG - Display", ["RRTODT.Academy.Rec2020_1000nits_15nits_HLG.a1.1.0"]),
    ];

    /// <summary>The output transform with this name (case-insensitive), or null.</summary>
    public static AcesOutputTransform? FindOutput(string name) =>
        Outputs.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The full ID of the transform from <paramref name="space"/> to ACES2065-1, or null.</summary>
    public static string? ToAces(ColorSpace space) => s_spaces.TryGetValue(space.Name, out var ids) ? Prefix + ids.To : null;

    /// <summary>The full ID of the CSC from ACES2065-1 to <paramref name="space"/>, or null.</summary>
    public static string? FromAces(ColorSpace space) =>
        s_spaces.TryGetValue(space.Name, out var ids) && ids.From is not null ? Prefix + ids.From : null;
}
