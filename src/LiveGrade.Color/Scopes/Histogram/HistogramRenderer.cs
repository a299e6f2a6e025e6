using LiveGrade.Color.Scopes.Rendering;

namespace LiveGrade.Color.Scopes.Histogram;

/// <summary>
/// Lays out a histogram picture: 10-bit codes across (two per pixel column, 512 wide), log-scaled bars up
/// (see <see cref="TraceIntensity.HistogramThresholds"/>), luma alone or R, G and B overlaid, with the
/// signal axis graticule as vertical lines.
/// </summary>
public static class HistogramRenderer
{
    public const int PlotWidth = 512, PlotHeight = 256;
    public const int CodesPerColumn = VideoLevels.Codes / PlotWidth;

    public static ScopeLayout Layout(ScopeRequest request)
    {
        int width = GraticuleStyle.MarginLeft + PlotWidth + GraticuleStyle.MarginLeft;
        int height = GraticuleStyle.MarginTop + PlotHeight + 28;
        IReadOnlyList<ScopeTraceChannel> channels = request.HistogramLuma
            ? [new(HistogramCounts.Luma * VideoLevels.Codes, GraticuleStyle.HistogramLuma)]
            : [new(HistogramCounts.Red * VideoLevels.Codes, GraticuleStyle.TraceRed),
               new(HistogramCounts.Green * VideoLevels.Codes, GraticuleStyle.TraceGreen),
               new(HistogramCounts.Blue * VideoLevels.Codes, GraticuleStyle.TraceBlue)];
        var plot = new ScopePlot(ScopePlotKind.Histogram, GraticuleStyle.MarginLeft, GraticuleStyle.MarginTop, PlotWidth, PlotHeight,
            CodesPerColumn, channels);
        var c = new ScopeCanvas(width, height);
        string what = request.HistogramLuma ? $"LUMA HISTOGRAM  {request.Matrix.Name.ToUpperInvariant()}" : "RGB HISTOGRAM";
        c.Text(GraticuleStyle.MarginLeft, 8, $"{what}  {GraticuleStyle.TapName(request.Tap)}", GraticuleStyle.Label, GraticuleStyle.Text, GraticuleStyle.TitleScale);
        c.StrokeRect(plot.X - 1, plot.Y - 1, plot.Width + 2, plot.Height + 2, GraticuleStyle.Line, GraticuleStyle.Minor);
        foreach (var m in SignalScale.Marks(request.Signal, request.Units))
        {
            int x = plot.X + (int)System.Math.Floor(System.Math.Clamp(m.Code, 0, VideoLevels.Codes - 1) / CodesPerColumn);
            c.VLine(x, plot.Y, plot.Y + plot.Height - 1, GraticuleStyle.Line, m.Major ? GraticuleStyle.Major : GraticuleStyle.Minor, m.Dashed ? 4 : 0);
            if (m.Label.Length > 0 && !m.Dashed)
            {
                c.TextCentred(x, plot.Y + plot.Height + 5, m.Label, GraticuleStyle.Label, GraticuleStyle.Text);
            }
        }
        c.Text(plot.X + plot.Width + 6, plot.Y + plot.Height + 5, SignalScale.UnitName(request.Signal, request.Units), GraticuleStyle.Label, GraticuleStyle.Text);
        c.TextRight(plot.X - 6, plot.Y, "LOG", GraticuleStyle.Label, GraticuleStyle.Text);
        return new ScopeLayout(width, height, [plot], c);
    }

    public static ScopeTraceScale Scale(HistogramCounts counts, float gain) =>
        ScopeTraceScale.ForHistogram(PlotHeight, counts.Samples, gain);
}
