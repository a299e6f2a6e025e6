namespace LiveGrade.Color.Scopes.Vectorscope;

/// <summary>One graticule target: a colour bar's Cb and Cr.</summary>
/// <param name="Label">Short name as vectorscopes print it: R, MG, B, CY, G, YL.</param>
/// <param name="Level">Bar amplitude: 0.75 or 1.0.</param>
/// <param name="Cb">Cb (-0.5..0.5).</param>
/// <param name="Cr">Cr (-0.5..0.5).</param>
public readonly record struct VectorscopeTarget(string Label, double Level, double Cb, double Cr)
{
    /// <summary>Unrounded 10-bit Cb code.</summary>
    public double CbCode => VideoLevels.ChromaOffset + Cb * VideoLevels.ChromaScale;

    /// <summary>Unrounded 10-bit Cr code.</summary>
    public double CrCode => VideoLevels.ChromaOffset + Cr * VideoLevels.ChromaScale;

    /// <summary>Angle on the scope in degrees, counter-clockwise from +Cb (red is near 103° in Rec.709).</summary>
    public double AngleDegrees => System.Math.Atan2(Cr, Cb) * 180 / System.Math.PI;
}

/// <summary>
/// The graticule targets of a vectorscope: the six primaries and secondaries of 75% and 100% colour bars
/// (R'G'B' components 0 or the level), through the chosen matrix. For Rec.709 these are the Cb/Cr values
/// SMPTE RP 219 tabulates for its bars; for Rec.2020 they are the same bars through BT.2020's weights.
/// The skin-tone line is the NTSC I axis, 123° counter-clockwise from +Cb, where skin of every complexion
/// falls whatever its brightness.
/// </summary>
public static class VectorscopeTargets
{
    /// <summary>The skin-tone (I) line: 33° past +Cr, i.e. 123° from +Cb.</summary>
    public const double SkinToneAngleDegrees = 123.0;

    private static readonly (string Label, double R, double G, double B)[] Bars =
    [
        ("R", 1, 0, 0), ("MG", 1, 0, 1), ("B", 0, 0, 1), ("CY", 0, 1, 1), ("G", 0, 1, 0), ("YL", 1, 1, 0),
    ];

    /// <summary>Six targets at the given bar level (0.75 or 1.0).</summary>
    public static IReadOnlyList<VectorscopeTarget> For(YCbCrMatrix matrix, double level) =>
        [.. Bars.Select(b =>
        {
            var (_, cb, cr) = matrix.ToYCbCr(b.R * level, b.G * level, b.B * level);
            return new VectorscopeTarget(b.Label, level, cb, cr);
        })];
}
