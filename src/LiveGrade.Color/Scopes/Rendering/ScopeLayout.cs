namespace LiveGrade.Color.Scopes.Rendering;

/// <summary>How a plot turns counts into pixels.</summary>
public enum ScopePlotKind
{
    /// <summary>Columns across, 10-bit levels up (BinsPerPixel levels per pixel row).</summary>
    Waveform = 0,

    /// <summary>Cb bins across, Cr bins up, one bin per pixel.</summary>
    Vectorscope = 1,

    /// <summary>Codes across (BinsPerPixel per pixel column), log-scaled bars up.</summary>
    Histogram = 2,
}

/// <summary>One trace channel of a plot: where its counts start in the counts buffer, and its colour.</summary>
public readonly record struct ScopeTraceChannel(int CountsOffset, Rgb Colour);

/// <summary>
/// A rectangle of the scope picture that draws counts. The same numbers drive the CPU compositor and the
/// GPU trace pass (scope_trace.comp), as uniforms.
/// </summary>
public sealed record ScopePlot(
    ScopePlotKind Kind, int X, int Y, int Width, int Height, int BinsPerPixel,
    IReadOnlyList<ScopeTraceChannel> Channels)
{
    public const int MaxChannels = 3;

    public bool Contains(int px, int py) => px >= X && px < X + Width && py >= Y && py < Y + Height;
}

/// <summary>
/// A whole scope picture: size, background, the plots and the graticule layer (drawn once, laid over the
/// trace). Trace brightness and histogram heights come from <see cref="TraceIntensity"/>.
/// </summary>
public sealed class ScopeLayout
{
    public ScopeLayout(int width, int height, IReadOnlyList<ScopePlot> plots, ScopeCanvas graticule)
    {
        if (plots.Count is < 1 or > MaxPlots)
        {
            throw new ArgumentException($"a scope picture has 1..{MaxPlots} plots");
        }
        if (plots.Any(p => p.Channels.Count is < 1 or > ScopePlot.MaxChannels))
        {
            throw new ArgumentException($"a plot has 1..{ScopePlot.MaxChannels} channels");
        }
        if (plots.Select(p => p.Kind).Distinct().Count() != 1)
        {
            throw new ArgumentException("the plots of one picture are of one kind");
        }
        if (graticule.Width != width || graticule.Height != height)
        {
            throw new ArgumentException("graticule size differs from the picture");
        }
        Width = width;
        Height = height;
        Plots = plots;
        Graticule = graticule;
    }

    public const int MaxPlots = 3;

    /// <summary>The scope's dark background (a touch of blue, like a CRT scope's face).</summary>
    public static readonly Rgb Background = new(0.035f, 0.04f, 0.05f);

    /// <summary>Histogram bars' brightness (their colour is the channel's).</summary>
    public const float HistogramFill = 0.6f;

    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<ScopePlot> Plots { get; }
    public ScopeCanvas Graticule { get; }
    public ScopePlotKind Kind => Plots[0].Kind;
}
