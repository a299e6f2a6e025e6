namespace LiveGrade.Color.Math;

/// <summary>Von Kries-style chromatic adaptation transforms (cone response matrices).</summary>
public enum AdaptationMethod
{
    /// <summary>No adaptation: XYZ passes unchanged (same white, or a deliberate absolute conversion).</summary>
    None,

    /// <summary>Bradford (Lam 1985), used by ICC and by OCIO's "_BFD" utilities.</summary>
    Bradford,

    /// <summary>CAT02 (CIECAM02), used by the ACES camera IDTs.</summary>
    Cat02,
}

public static class ChromaticAdaptation
{
    /// <summary>Bradford cone response matrix (Lam 1985; ICC.1 annex E).</summary>
    public static readonly Matrix3 BradfordCone = new(
        0.8951, 0.2664, -0.1614,
        -0.7502, 1.7135, 0.0367,
        0.0389, -0.0685, 1.0296);

    /// <summary>CAT02 cone response matrix (CIE 159:2004).</summary>
    public static readonly Matrix3 Cat02Cone = new(
        0.7328, 0.4296, -0.1624,
        -0.7036, 1.6975, 0.0061,
        0.0030, 0.0136, 0.9834);

    /// <summary>XYZ (under srcWhite) to XYZ (under dstWhite).</summary>
    public static Matrix3 Matrix(Chromaticity srcWhite, Chromaticity dstWhite, AdaptationMethod method)
    {
        if (method == AdaptationMethod.None || srcWhite == dstWhite)
        {
            return Matrix3.Identity;
        }
        var cone = method == AdaptationMethod.Bradford ? BradfordCone : Cat02Cone;
        var (sx, sy, sz) = srcWhite.ToXyzUnitLuminance();
        var (dx, dy, dz) = dstWhite.ToXyzUnitLuminance();
        var s = cone.Apply(sx, sy, sz);
        var d = cone.Apply(dx, dy, dz);
        return cone.Inverse() * Matrix3.Diagonal(d.X / s.X, d.Y / s.Y, d.Z / s.Z) * cone;
    }

    /// <summary>Linear RGB in <paramref name="src"/> to linear RGB in <paramref name="dst"/>.</summary>
    public static Matrix3 RgbToRgb(RgbPrimaries src, RgbPrimaries dst, AdaptationMethod method) =>
        dst.XyzToRgb() * Matrix(src.White, dst.White, method) * src.RgbToXyz();
}
