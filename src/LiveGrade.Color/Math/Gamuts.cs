namespace LiveGrade.Color.Math;

/// <summary>
/// Primaries and white points of the gamuts LiveGrade knows, from each owner's publication (cited).
/// Matrices are always computed from these, never typed in.
/// </summary>
public static class Gamuts
{
    /// <summary>CIE D65 as used by ITU-R BT.709/BT.2020 and OpenColorIO.</summary>
    public static readonly Chromaticity D65 = new(0.3127, 0.3290);

    /// <summary>The ACES white point (approximately D60), SMPTE ST 2065-1.</summary>
    public static readonly Chromaticity AcesWhite = new(0.32168, 0.33767);

    /// <summary>DCI white (SMPTE RP 431-2).</summary>
    public static readonly Chromaticity DciWhite = new(0.314, 0.351);

    /// <summary>ACES AP0 (SMPTE ST 2065-1).</summary>
    public static readonly RgbPrimaries Ap0 = new("ACES AP0", new(0.7347, 0.2653), new(0.0, 1.0), new(0.0001, -0.0770), AcesWhite);

    /// <summary>ACES AP1 (Academy S-2014-004).</summary>
    public static readonly RgbPrimaries Ap1 = new("ACES AP1", new(0.713, 0.293), new(0.165, 0.830), new(0.128, 0.044), AcesWhite);

    /// <summary>ITU-R BT.709.</summary>
    public static readonly RgbPrimaries Rec709 = new("Rec.709", new(0.64, 0.33), new(0.30, 0.60), new(0.15, 0.06), D65);

    /// <summary>ITU-R BT.2020.</summary>
    public static readonly RgbPrimaries Rec2020 = new("Rec.2020", new(0.708, 0.292), new(0.170, 0.797), new(0.131, 0.046), D65);

    /// <summary>P3 primaries with a D65 white (SMPTE EG 432-1).</summary>
    public static readonly RgbPrimaries P3D65 = new("P3-D65", new(0.680, 0.320), new(0.265, 0.690), new(0.150, 0.060), D65);

    /// <summary>ARRI Wide Gamut 3 (ARRI, "ALEXA Log C Curve - Usage in VFX").</summary>
    public static readonly RgbPrimaries AriWideGamut3 = new("ARRI Wide Gamut 3", new(0.6840, 0.3130), new(0.2210, 0.8480), new(0.0861, -0.1020), D65);

    /// <summary>ARRI Wide Gamut 4 (ARRI LogC4 specification, 2022).</summary>
    public static readonly RgbPrimaries AriWideGamut4 = new("ARRI Wide Gamut 4", new(0.7347, 0.2653), new(0.1424, 0.8576), new(0.0991, -0.0308), D65);

    /// <summary>Sony S-Gamut3 (Sony technical summary, 2014).</summary>
    public static readonly RgbPrimaries SGamut3 = new("S-Gamut3", new(0.730, 0.280), new(0.140, 0.855), new(0.100, -0.050), D65);

    /// <summary>Sony S-Gamut3.Cine (Sony technical summary, 2014).</summary>
    public static readonly RgbPrimaries SGamut3Cine = new("S-Gamut3.Cine", new(0.766, 0.275), new(0.225, 0.800), new(0.089, -0.087), D65);

    /// <summary>REDWideGamutRGB (RED white paper, 2017).</summary>
    public static readonly RgbPrimaries RedWideGamut = new("REDWideGamutRGB", new(0.780308, 0.304253), new(0.121595, 1.493994), new(0.095612, -0.084589), D65);

    /// <summary>Canon Cinema Gamut (Canon, 2014).</summary>
    public static readonly RgbPrimaries CinemaGamut = new("Cinema Gamut", new(0.740, 0.270), new(0.170, 1.140), new(0.080, -0.100), D65);

    /// <summary>Panasonic V-Gamut (V-Log/V-Gamut reference manual, 2014).</summary>
    public static readonly RgbPrimaries VGamut = new("V-Gamut", new(0.730, 0.280), new(0.165, 0.840), new(0.100, -0.030), D65);
}
