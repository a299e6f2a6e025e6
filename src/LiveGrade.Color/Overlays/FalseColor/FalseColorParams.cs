using LiveGrade.Color.Ops;
using LiveGrade.Color.Processing;
using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Spaces;

namespace LiveGrade.Color.Overlays.FalseColor;

/// <summary>The unit false-colour bands are stated in.</summary>
public enum FalseColorUnit
{
    /// <summary>IRE of the signal's luma (0 = code 64, 100 = code 940).</summary>
    Ire,

    /// <summary>Stops of scene exposure around 18% grey, through a camera encoding's decode.</summary>
    Stops,
}

/// <summary>One band: values in [Low, High) paint <see cref="Colour"/>. Use infinities for open ends.</summary>
public sealed record FalseColorBand(double Low, double High, Rgb Colour, string Name)
{
    public bool Contains(double v) => v >= Low && v < High;
}

/// <summary>
/// A false-colour ramp: bands in IRE or in stops around 18% grey; pixels outside every band show their
/// luma as grey, so the picture stays readable. The first band containing a value wins.
/// </summary>
public sealed record FalseColorParams
{
    public FalseColorParams(FalseColorUnit unit, IReadOnlyList<FalseColorBand> bands, YCbCrMatrix matrix, ColorSpace? stopsSpace = null)
    {
        if (bands.Count == 0)
        {
            throw new ArgumentException("a false-colour ramp needs at least one band");
        }
        if (bands.Any(b => !(b.Low < b.High)))
        {
            throw new ArgumentException("each band needs low < high");
        }
        if (unit == FalseColorUnit.Stops && (stopsSpace is null || stopsSpace.IsDisplay))
        {
            throw new ArgumentException("bands in stops need the camera or working space the signal is encoded in");
        }
        Unit = unit;
        Bands = bands;
        Matrix = matrix;
        StopsSpace = stopsSpace;
    }

    public FalseColorUnit Unit { get; }
    public IReadOnlyList<FalseColorBand> Bands { get; }
    public YCbCrMatrix Matrix { get; }

    /// <summary>For stops: the scene space whose encoding the signal carries (e.g. LogC3), decoded to find exposure.</summary>
    public ColorSpace? StopsSpace { get; }

    /// <summary>
    /// The default video ramp, the bands RED documents for its "Video" false colour (RED operation guide,
    /// Display > False Color > Video), as IRE ranges of whole IRE values: purple 0-4 (and anything below
    /// 0), blue 5, teal 10-12, green 41-48 (grey card and skin shadow side), pink 61-70 (skin), straw
    /// 92-93, yellow 94-95, orange 96-98, red 99-100 (and anything above: clipping). Band edges sit half
    /// an IRE outside the whole values so every 10-bit code belongs to exactly one place.
    /// </summary>
    public static IReadOnlyList<FalseColorBand> DefaultIreBands { get; } =
    [
        new(double.NegativeInfinity, 4.5, new Rgb(0.55f, 0.1f, 0.75f), "purple"),
        new(4.5, 5.5, new Rgb(0.1f, 0.3f, 1f), "blue"),
        new(9.5, 12.5, new Rgb(0f, 0.62f, 0.62f), "teal"),
        new(40.5, 48.5, new Rgb(0.25f, 0.8f, 0.2f), "green"),
        new(60.5, 70.5, new Rgb(1f, 0.55f, 0.72f), "pink"),
        new(91.5, 93.5, new Rgb(0.93f, 0.87f, 0.6f), "straw"),
        new(93.5, 95.5, new Rgb(1f, 0.95f, 0f), "yellow"),
        new(95.5, 98.5, new Rgb(1f, 0.5f, 0f), "orange"),
        new(98.5, double.PositiveInfinity, new Rgb(1f, 0f, 0f), "red"),
    ];

    /// <summary>
    /// LiveGrade's default exposure ramp in stops around 18% grey (grey card = 0): purple below -5.5 (noise
    /// floor), blue at -5, teal at -3, green within a quarter stop of grey, pink at +1 (a key-lit face),
    /// yellow at +3, orange at +5, red above +5.5 (close to clip on most cameras). Each marked stop is one
    /// stop wide except grey, which is half a stop so it reads as "on".
    /// </summary>
    public static IReadOnlyList<FalseColorBand> DefaultStopsBands { get; } =
    [
        new(double.NegativeInfinity, -5.5, new Rgb(0.55f, 0.1f, 0.75f), "purple"),
        new(-5.5, -4.5, new Rgb(0.1f, 0.3f, 1f), "blue"),
        new(-3.5, -2.5, new Rgb(0f, 0.62f, 0.62f), "teal"),
        new(-0.25, 0.25, new Rgb(0.25f, 0.8f, 0.2f), "green"),
        new(0.75, 1.25, new Rgb(1f, 0.55f, 0.72f), "pink"),
        new(2.5, 3.5, new Rgb(1f, 0.95f, 0f), "yellow"),
        new(4.5, 5.5, new Rgb(1f, 0.5f, 0f), "orange"),
        new(5.5, double.PositiveInfinity, new Rgb(1f, 0f, 0f), "red"),
    ];

    public static FalseColorParams DefaultIre(YCbCrMatrix matrix) => new(FalseColorUnit.Ire, DefaultIreBands, matrix);

    public static FalseColorParams DefaultStops(YCbCrMatrix matrix, ColorSpace space) =>
        new(FalseColorUnit.Stops, DefaultStopsBands, matrix, space);

    /// <summary>
    /// The ramp as one entry per 10-bit luma code: the band colour, or null for "show grey". Built once; the
    /// CPU renderer and the GPU pass both look pixels up in it, so they cannot disagree on a band edge.
    /// </summary>
    public FalseColorTable BuildTable()
    {
        var values = new double[VideoLevels.Codes];
        if (Unit == FalseColorUnit.Ire)
        {
            for (int code = 0; code < values.Length; code++)
            {
                values[code] = VideoLevels.CodeToIre(code);
            }
        }
        else
        {
            // Decode every code as an achromatic camera signal to ACES2065-1: camera gamuts map neutral to
            // neutral, so the mean of the three channels is the scene exposure relative to 1.0.
            var px = new float[VideoLevels.Codes * 4];
            for (int code = 0; code < values.Length; code++)
            {
                float e = (float)VideoLevels.CodeToSignal(code);
                px[code * 4] = px[code * 4 + 1] = px[code * 4 + 2] = e;
                px[code * 4 + 3] = 1;
            }
            var aces = ColorSpaceRegistry.Get(ColorSpaceRegistry.Aces2065);
            new CpuProcessor(ColorSpaceRegistry.Conversion(StopsSpace!, aces)).Apply(px);
            for (int code = 0; code < values.Length; code++)
            {
                double lin = (px[code * 4] + (double)px[code * 4 + 1] + px[code * 4 + 2]) / 3;
                values[code] = lin > 0 ? System.Math.Log2(lin / 0.18) : double.NegativeInfinity;
            }
        }
        var entries = new Rgb?[VideoLevels.Codes];
        for (int code = 0; code < entries.Length; code++)
        {
            entries[code] = Bands.FirstOrDefault(b => b.Contains(values[code]))?.Colour;
        }
        return new FalseColorTable(entries, values);
    }
}

/// <summary>A false-colour ramp resolved per 10-bit luma code.</summary>
public sealed class FalseColorTable(Rgb?[] entries, double[] values)
{
    /// <summary>Band colour per code, or null where the picture shows grey.</summary>
    public IReadOnlyList<Rgb?> Entries { get; } = entries;

    /// <summary>The value (IRE or stops) each code was judged by.</summary>
    public IReadOnlyList<double> Values { get; } = values;

    /// <summary>Packed for a GPU buffer: RGBA per code, alpha 1 for a band and 0 for grey.</summary>
    public float[] ToRgbaArray()
    {
        var a = new float[Entries.Count * 4];
        for (int i = 0; i < Entries.Count; i++)
        {
            if (Entries[i] is { } c)
            {
                (a[i * 4], a[i * 4 + 1], a[i * 4 + 2], a[i * 4 + 3]) = (c.R, c.G, c.B, 1f);
            }
        }
        return a;
    }
}
