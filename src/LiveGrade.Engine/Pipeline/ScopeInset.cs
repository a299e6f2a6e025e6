using LiveGrade.Color.Scopes;
using LiveGrade.Color.Scopes.Histogram;
using LiveGrade.Color.Scopes.Rendering;
using LiveGrade.Color.Scopes.Vectorscope;
using LiveGrade.Color.Scopes.Waveform;
using LiveGrade.Engine.Control;
using Rgb = LiveGrade.Color.Scopes.Rendering.Rgb;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// One scope drawn in a corner of an output: the scope package's reference picture — counts from its CPU
/// analyser (<see cref="WaveformCpuAnalyzer"/>, <see cref="VectorscopeCpuAnalyzer"/>,
/// <see cref="HistogramCpuAnalyzer"/>) on the whole frame, laid out by its renderer with its graticule (IRE, or
/// nits for PQ/HLG; the vectorscope's 75%/100% targets and skin-tone line) and composed as
/// <see cref="ScopeCompositor.Compose"/> composes it — reduced by a whole factor (the mean of each
/// <see cref="Factor"/> x <see cref="Factor"/> block) and laid opaque over the picture.
/// <para>The layout (512 code rows a plot) is made for a 2160-line picture: a factor of 2 at 1080 lines keeps an
/// inset under <see cref="MaxHeightFraction"/> of the height. The picture is composed row by row straight into
/// the reduction with the trace brightness looked up (per count for waveforms, per bin for the vectorscope)
/// rather than recomputed per pixel; the result is the reference's, pixel for pixel. Everything is allocated
/// when the inset is made; a frame allocates nothing. Used by one output thread.</para>
/// </summary>
public sealed class ScopeInset
{
    /// <summary>An inset is at most this share of the picture's height and width (so four leave the centre clear).</summary>
    public const double MaxHeightFraction = 0.28, MaxWidthFraction = 0.48;

    /// <summary>Waveform columns at most: 480 for luma, 320 a channel for the parade (1920 / 4 and / 6 at HD).</summary>
    public const int WaveformColumns = 480, ParadeColumns = 320;

    /// <summary>Vectorscope bins per axis (two 10-bit codes a bin).</summary>
    public const int VectorscopeBins = 512;

    private readonly WaveformCounts? _waveform;
    private readonly VectorscopeCounts? _vectorscope;
    private readonly HistogramCounts? _histogram;
    private readonly ScopePlot[] _plots;
    private readonly ScopeTraceChannel[][] _channels;
    private readonly float[] _graticule;
    private readonly ScopeTraceScale _scale;
    private readonly float[] _traceByCount = [];  // waveform: brightness of a pixel summing c samples
    private readonly float[] _spot = [];          // vectorscope: brightness of each bin's pixel (3x3 spot), per frame
    private readonly float[] _trace;              // one layout row: R, G, B of the trace before the graticule
    private readonly float[] _sums;               // one inset row: sums of its blocks, RGB
    private readonly ScopeCounting _counting;

    public ScopeInset(InsetScope type, int corner, YCbCrMatrix matrix, ScopeSignal signal, int frameWidth, int frameHeight)
    {
        Type = type;
        var request = new ScopeRequest
        {
            Type = type switch
            {
                InsetScope.Parade => ScopeType.Parade,
                InsetScope.Vectorscope => ScopeType.Vectorscope,
                InsetScope.Histogram => ScopeType.Histogram,
                _ => ScopeType.Waveform,
            },
            Tap = ScopeTap.AfterDisplay,
            Matrix = matrix,
            Signal = signal,
        };
        switch (type)
        {
            case InsetScope.Waveform:
            case InsetScope.Parade:
                bool parade = type == InsetScope.Parade;
                var wp = new WaveformParams(WaveformParams.ColumnsFor(frameWidth, parade ? ParadeColumns : WaveformColumns), parade, matrix);
                _waveform = new WaveformCounts(wp) { ImageWidth = frameWidth, ImageHeight = frameHeight };
                Layout = WaveformRenderer.Layout(wp, request);
                _scale = WaveformRenderer.Scale(_waveform, request.Gain);
                // A pixel sums BinsPerPixel levels of one column: at most every sample of the column.
                _traceByCount = new float[_waveform.SamplesPerColumn + 1];
                for (int c = 0; c < _traceByCount.Length; c++) _traceByCount[c] = TraceIntensity.Of((uint)c, _scale.InverseLogFlat, _scale.Gain);
                break;
            case InsetScope.Vectorscope:
                _vectorscope = new VectorscopeCounts(new VectorscopeParams(VectorscopeBins, matrix)) { ImageWidth = frameWidth, ImageHeight = frameHeight };
                Layout = VectorscopeRenderer.Layout(_vectorscope.Params, request);
                _scale = VectorscopeRenderer.Scale(_vectorscope, request.Gain);
                _spot = new float[VectorscopeBins * VectorscopeBins];
                break;
            case InsetScope.Histogram:
                _histogram = new HistogramCounts(matrix) { ImageWidth = frameWidth, ImageHeight = frameHeight };
                Layout = HistogramRenderer.Layout(request);
                _scale = HistogramRenderer.Scale(_histogram, request.Gain);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), "no scope to draw");
        }
        _plots = [.. Layout.Plots];
        _channels = [.. _plots.Select(p => p.Channels.ToArray())];
        _graticule = Layout.Graticule.Pixels;
        Factor = FactorFor(Layout.Width, Layout.Height, frameWidth, frameHeight);
        Width = Layout.Width / Factor;
        Height = Layout.Height / Factor;
        int margin = Margin(frameHeight);
        X = corner % 2 == 0 ? margin : frameWidth - margin - Width;
        Y = corner < 2 ? margin : frameHeight - margin - Height;
        Fits = X >= 0 && Y >= 0 && X + Width <= frameWidth && Y + Height <= frameHeight && Width > 0 && Height > 0;
        _trace = new float[Layout.Width * 3];
        _counting = new ScopeCounting(frameWidth);
        _sums = new float[Math.Max(1, Width) * 3];
    }

    public InsetScope Type { get; }

    /// <summary>The scope's own picture (the reference layout, before the reduction).</summary>
    public ScopeLayout Layout { get; }

    /// <summary>The reduction: each inset pixel is the mean of Factor x Factor layout pixels.</summary>
    public int Factor { get; }

    /// <summary>Where the inset lies in the frame.</summary>
    public int X { get; }
    public int Y { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>False when the frame is too small for the inset (it is then not drawn).</summary>
    public bool Fits { get; }

    /// <summary>The counts behind the picture (the reference analyser's), for tests.</summary>
    public ReadOnlySpan<uint> Counts => _waveform?.Counts ?? _vectorscope?.Counts ?? _histogram!.Counts;

    /// <summary>The smallest whole reduction that keeps the inset within <see cref="MaxHeightFraction"/> and <see cref="MaxWidthFraction"/> of the frame.</summary>
    public static int FactorFor(int layoutWidth, int layoutHeight, int frameWidth, int frameHeight) =>
        Math.Max(1, Math.Max(
            (int)Math.Ceiling(layoutHeight / (MaxHeightFraction * frameHeight)),
            (int)Math.Ceiling(layoutWidth / (MaxWidthFraction * frameWidth))));

    /// <summary>Gap between an inset and the picture's edges: 20 pixels at 1080 lines.</summary>
    public static int Margin(int frameHeight) => Math.Max(2, (int)Math.Round(frameHeight / 54.0));

    /// <summary>Counts the frame (the graded display signal): the reference analyser's counts, through <see cref="ScopeCounting"/>.</summary>
    public void Analyze(ReadOnlySpan<float> rgba, int width, int height)
    {
        if (_waveform is not null) _counting.Waveform(rgba, width, height, _waveform);
        else if (_vectorscope is not null) _counting.Vectorscope(rgba, width, height, _vectorscope);
        else _counting.Histogram(rgba, width, height, _histogram!);
    }

    /// <summary>Counts the frame with the reference analyser itself (benchmarks compare the two).</summary>
    public void AnalyzeWithReference(ReadOnlySpan<float> rgba, int width, int height)
    {
        if (_waveform is not null) WaveformCpuAnalyzer.Analyze(rgba, width, height, _waveform);
        else if (_vectorscope is not null) VectorscopeCpuAnalyzer.Analyze(rgba, width, height, _vectorscope);
        else HistogramCpuAnalyzer.Analyze(rgba, width, height, _histogram!);
    }

    /// <summary>Draws the picture of the last counts into the frame at (<see cref="X"/>, <see cref="Y"/>), opaque.</summary>
    public void Draw(Span<float> frame, int frameWidth)
    {
        if (!Fits) return;
        if (_vectorscope is not null) SpreadSpots();
        int f = Factor, used = Width * f, lw = Layout.Width;
        float area = f * f;
        var bg = ScopeLayout.Background;
        for (int row = 0; row < Height; row++)
        {
            Array.Clear(_sums);
            for (int sub = 0; sub < f; sub++)
            {
                int py = row * f + sub;
                for (int t = 0; t < used * 3; t += 3) (_trace[t], _trace[t + 1], _trace[t + 2]) = (bg.R, bg.G, bg.B);
                for (int p = 0; p < _plots.Length; p++)
                {
                    var plot = _plots[p];
                    if (py < plot.Y || py >= plot.Y + plot.Height) continue;
                    int rowFromBottom = plot.Y + plot.Height - 1 - py;
                    int x1 = Math.Min(plot.X + plot.Width, used);
                    // Channels in order, as the reference adds them to a pixel.
                    foreach (var ch in _channels[p])
                    {
                        switch (plot.Kind)
                        {
                            case ScopePlotKind.Waveform: WaveformRow(plot, ch, rowFromBottom, x1); break;
                            case ScopePlotKind.Vectorscope: VectorscopeRow(plot, ch, rowFromBottom, x1); break;
                            default: HistogramRow(plot, ch, rowFromBottom, x1); break;
                        }
                    }
                }
                // The graticule over the trace (premultiplied "over"), as ScopeCompositor.Compose finishes a pixel;
                // then into its block's sum: rows in order, left to right within a row.
                int g = py * lw * 4, tr = 0;
                for (int s = 0; s < Width * 3; s += 3)
                {
                    for (int sx = 0; sx < f; sx++, g += 4, tr += 3)
                    {
                        float k = 1f - _graticule[g + 3];
                        _sums[s] += MathF.Min(_trace[tr], 1f) * k + _graticule[g];
                        _sums[s + 1] += MathF.Min(_trace[tr + 1], 1f) * k + _graticule[g + 1];
                        _sums[s + 2] += MathF.Min(_trace[tr + 2], 1f) * k + _graticule[g + 2];
                    }
                }
            }
            var dst = frame.Slice(((Y + row) * frameWidth + X) * 4, Width * 4);
            for (int x = 0; x < Width; x++)
            {
                dst[x * 4] = _sums[x * 3] / area;
                dst[x * 4 + 1] = _sums[x * 3 + 1] / area;
                dst[x * 4 + 2] = _sums[x * 3 + 2] / area;
                dst[x * 4 + 3] = 1f;
            }
        }
    }

    /// <summary>Adds colour times brightness at one layout pixel of the trace row (a dark bin adds nothing, so it is skipped).</summary>
    private void Add(int px, Rgb colour, float i)
    {
        int t = px * 3;
        _trace[t] += colour.R * i;
        _trace[t + 1] += colour.G * i;
        _trace[t + 2] += colour.B * i;
    }

    /// <summary>A waveform row: each pixel sums BinsPerPixel levels of its column; brightness by count from the table.</summary>
    private void WaveformRow(ScopePlot plot, ScopeTraceChannel ch, int rowFromBottom, int x1)
    {
        var counts = _waveform!.Counts;
        int bins = plot.BinsPerPixel;
        int start = ch.CountsOffset + rowFromBottom * bins;
        for (int px = plot.X; px < x1; px++, start += VideoLevels.Codes)
        {
            uint sum = 0;
            for (int k = 0; k < bins; k++) sum += counts[start + k];
            if (sum == 0) continue;
            Add(px, ch.Colour, sum < (uint)_traceByCount.Length ? _traceByCount[sum] : TraceIntensity.Of(sum, _scale.InverseLogFlat, _scale.Gain));
        }
    }

    private void VectorscopeRow(ScopePlot plot, ScopeTraceChannel ch, int rowFromBottom, int x1)
    {
        int o = rowFromBottom * plot.Width - plot.X;
        for (int px = plot.X; px < x1; px++)
        {
            float i = _spot[o + px];
            if (i != 0f) Add(px, ch.Colour, i);
        }
    }

    /// <summary>A histogram row: a column is lit where its bins hold at least the row's log-scale threshold.</summary>
    private void HistogramRow(ScopePlot plot, ScopeTraceChannel ch, int rowFromBottom, int x1)
    {
        var counts = _histogram!.Counts;
        uint threshold = _scale.HistogramThresholds[rowFromBottom];
        int bins = plot.BinsPerPixel;
        int start = ch.CountsOffset;
        for (int px = plot.X; px < x1; px++, start += bins)
        {
            uint sum = 0;
            for (int k = 0; k < bins; k++) sum += counts[start + k];
            if (sum != 0 && sum >= threshold) Add(px, ch.Colour, ScopeLayout.HistogramFill);
        }
    }

    /// <summary>
    /// The vectorscope's 3x3 beam spot of every bin (<see cref="ScopeCompositor"/>: the brightest neighbour times
    /// 1, <see cref="ScopeCompositor.SpotEdge"/> or <see cref="ScopeCompositor.SpotCorner"/>), spread from the
    /// lit bins only: a picture lights a few thousand of the 262,144 bins, and a maximum does not depend on the
    /// order it is taken in.
    /// </summary>
    private void SpreadSpots()
    {
        Array.Clear(_spot);
        var counts = _vectorscope!.Counts;
        int n = VectorscopeBins;
        for (int bin = 0; bin < counts.Length; bin++)
        {
            uint c = counts[bin];
            if (c == 0) continue;
            float i = TraceIntensity.Of(c, _scale.InverseLogFlat, _scale.Gain);
            int x = bin % n, y = bin / n;
            for (int dy = -1; dy <= 1; dy++)
            {
                int yy = y + dy;
                if ((uint)yy >= (uint)n) continue;
                for (int dx = -1; dx <= 1; dx++)
                {
                    int xx = x + dx;
                    if ((uint)xx >= (uint)n) continue;
                    float weight = dx == 0 && dy == 0 ? 1f : dx == 0 || dy == 0 ? ScopeCompositor.SpotEdge : ScopeCompositor.SpotCorner;
                    int o = yy * n + xx;
                    _spot[o] = MathF.Max(_spot[o], weight * i);
                }
            }
        }
    }
}
