using System.Globalization;
using LiveGrade.Color.Scopes.Rendering;

namespace LiveGrade.Color.Overlays.FrameLines;

/// <summary>A rectangle of whole pixels: columns X..X+Width-1, rows Y..Y+Height-1.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    /// <summary>True on the rectangle's border band, <paramref name="thickness"/> pixels wide, inside it.</summary>
    public bool OnBorder(int x, int y, int thickness) =>
        Contains(x, y) && (x < X + thickness || x >= Right - thickness || y < Y + thickness || y >= Bottom - thickness);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}+{X}+{Y}");
}

/// <summary>
/// Frame lines for a target aspect ratio (e.g. 2.39 on a 16:9 picture), with the area outside shaded,
/// optional action-safe and title-safe rectangles and a centre cross.
/// </summary>
public sealed record FrameLineParams
{
    public FrameLineParams(double aspect)
    {
        if (!(aspect >= 0.1 && aspect <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(aspect), "frame-line aspect must be 0.1..10");
        }
        Aspect = aspect;
    }

    public double Aspect { get; }

    /// <summary>How much the outside is darkened: 0 none, 1 black.</summary>
    public float Shade { get; init; } = 0.6f;

    /// <summary>The frame line's thickness in pixels, inside the frame; 0 draws no frame line (safe areas and cross alone).</summary>
    public int LineWidth { get; init; } = 2;

    /// <summary>The centre cross's thickness in pixels (its own, so that guides without a frame line keep their cross).</summary>
    public int CrossWidth { get; init; } = 2;
    public Rgb LineColour { get; init; } = new(0.92f, 0.92f, 0.92f);
    public bool ActionSafe { get; init; }
    public bool TitleSafe { get; init; }
    public Rgb SafeColour { get; init; } = new(0.7f, 0.7f, 0.7f);
    public bool CentreCross { get; init; }
    public Rgb CrossColour { get; init; } = new(0.92f, 0.92f, 0.92f);

    /// <summary>Action safe: 93% of the framed width and height (SMPTE ST 2046-1, EBU R 95).</summary>
    public const double ActionSafeFraction = 0.93;

    /// <summary>Title (graphics) safe: 90% of the framed width and height (SMPTE ST 2046-1, EBU R 95).</summary>
    public const double TitleSafeFraction = 0.90;
}

/// <summary>Where the lines fall on a picture of a given size.</summary>
public sealed record FrameLineGeometry(PixelRect Frame, PixelRect ActionSafe, PixelRect TitleSafe, PixelRect CrossH, PixelRect CrossV)
{
    /// <summary>
    /// The framed area is the largest centred rectangle of the target aspect: full width with bars above and
    /// below when the target is wider than the picture (2.39 on 16:9), full height with bars at the sides
    /// when narrower (4:3 on 16:9). Its other side is rounded to the nearest even number of pixels so the
    /// two bars are equal and 4:2:2 chroma pairs stay whole: 2.39 on 1920x1080 frames 1920x804 from row 138.
    /// Safe areas are the same fractions of the framed area, rounded to even sizes and centred in it.
    /// </summary>
    public static FrameLineGeometry For(int width, int height, FrameLineParams p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        PixelRect frame;
        if (p.Aspect >= (double)width / height)
        {
            int h = System.Math.Min(height, Even(width / p.Aspect));
            frame = new PixelRect(0, (height - h) / 2, width, h);
        }
        else
        {
            int w = System.Math.Min(width, Even(height * p.Aspect));
            frame = new PixelRect((width - w) / 2, 0, w, height);
        }
        var action = Inset(frame, FrameLineParams.ActionSafeFraction);
        var title = Inset(frame, FrameLineParams.TitleSafeFraction);
        // Centre cross: arms of a twentieth of the framed height each side, CrossWidth thick, centred on the
        // frame's centre (between the two middle pixels for even sizes).
        int arm = System.Math.Max(4, frame.Height / 20);
        int t = p.CrossWidth;
        int cx = frame.X + frame.Width / 2, cy = frame.Y + frame.Height / 2;
        var crossH = new PixelRect(cx - arm, cy - t / 2, 2 * arm, t);
        var crossV = new PixelRect(cx - t / 2, cy - arm, t, 2 * arm);
        return new FrameLineGeometry(frame, action, title, crossH, crossV);
    }

    private static int Even(double v) => (int)(2 * System.Math.Round(v / 2, MidpointRounding.AwayFromZero));

    private static PixelRect Inset(PixelRect r, double fraction)
    {
        int w = Even(r.Width * fraction), h = Even(r.Height * fraction);
        return new PixelRect(r.X + (r.Width - w) / 2, r.Y + (r.Height - h) / 2, w, h);
    }
}
