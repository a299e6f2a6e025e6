namespace LiveGrade.Color.Math;

/// <summary>A CIE 1931 xy chromaticity.</summary>
public readonly record struct Chromaticity(double X, double Y)
{
    /// <summary>XYZ of this chromaticity scaled to luminance Y = 1.</summary>
    public (double X, double Y, double Z) ToXyzUnitLuminance() => (X / Y, 1.0, (1.0 - X - Y) / Y);
}

/// <summary>An RGB colour space's primaries and white point.</summary>
public sealed record RgbPrimaries(string Name, Chromaticity Red, Chromaticity Green, Chromaticity Blue, Chromaticity White)
{
    /// <summary>
    /// The normalised primary matrix: linear RGB to CIE XYZ, with RGB (1,1,1) mapping to the white point
    /// at Y = 1 (SMPTE RP 177 method).
    /// </summary>
    public Matrix3 RgbToXyz()
    {
        var (rx, ry, rz) = ToXyz(Red);
        var (gx, gy, gz) = ToXyz(Green);
        var (bx, by, bz) = ToXyz(Blue);
        var primaries = new Matrix3(rx, gx, bx, ry, gy, by, rz, gz, bz);
        var (wx, wy, wz) = White.ToXyzUnitLuminance();
        var s = primaries.Inverse().Apply(wx, wy, wz);
        return primaries * Matrix3.Diagonal(s.X, s.Y, s.Z);
    }

    public Matrix3 XyzToRgb() => RgbToXyz().Inverse();

    private static (double, double, double) ToXyz(Chromaticity c) => (c.X / c.Y, 1.0, (1.0 - c.X - c.Y) / c.Y);
}
