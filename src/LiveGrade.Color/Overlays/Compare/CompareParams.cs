using LiveGrade.Color.Scopes.Rendering;

namespace LiveGrade.Color.Overlays.Compare;

/// <summary>How two pictures share one output.</summary>
public enum CompareMode
{
    /// <summary>A vertical divider at <see cref="CompareParams.PositionX"/>: A to its left, B to its right.</summary>
    Split,

    /// <summary>A divider at any angle through any point: A on one side, B on the other.</summary>
    Wipe,

    /// <summary>Both whole, each at half size, A left and B right, centred vertically on black, a thin divider between.</summary>
    SideBySide,
}

/// <summary>
/// Compare A (say the graded feed) with B (the clean feed, another look, or a stored reference still).
/// The divider passes through (<see cref="PositionX"/>, <see cref="PositionY"/>) (fractions of the
/// picture) with its normal at <see cref="AngleDegrees"/> clockwise from +x (pixel rows go down): 0 is a
/// vertical divider with A on the left, 90 a horizontal one with A on top, 45 a diagonal. A pixel whose
/// centre lies within LineWidth/2 of the divider takes the line colour.
/// </summary>
public sealed record CompareParams(CompareMode Mode)
{
    public double PositionX { get; init; } = 0.5;
    public double PositionY { get; init; } = 0.5;
    public double AngleDegrees { get; init; }
    public int LineWidth { get; init; } = 2;
    public Rgb LineColour { get; init; } = new(0.92f, 0.92f, 0.92f);

    /// <summary>
    /// The divider as single-precision numbers (point in pixels, unit normal) that the CPU and the shader
    /// use alike; split is a wipe at angle 0 through (PositionX, 0.5).
    /// </summary>
    public (float Cx, float Cy, float Nx, float Ny, float HalfWidth) Divider(int width, int height)
    {
        double angle = Mode == CompareMode.Split ? 0 : AngleDegrees * System.Math.PI / 180;
        double py = Mode == CompareMode.Split ? 0.5 : PositionY;
        return ((float)(PositionX * width), (float)(py * height), (float)System.Math.Cos(angle), (float)System.Math.Sin(angle), LineWidth / 2f);
    }

    /// <summary>
    /// Side by side: the columns [start, end) of the divider between the two half-size pictures, LineWidth wide and
    /// centred on the middle column boundary (it covers the inner edge columns of both pictures); empty for LineWidth 0.
    /// </summary>
    public (int Start, int End) SideBySideDivider(int width)
    {
        int start = width / 2 - LineWidth / 2;
        return (start, start + LineWidth);
    }
}
