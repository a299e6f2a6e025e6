using LiveGrade.Color.Scopes.Rendering;

namespace LiveGrade.Color.Scopes.Waveform;

/// <summary>
/// Lays out a waveform picture: one plot (luma, or R, G, B overlaid) or three side by side (parade), each
/// <see cref="WaveformParams.Columns"/> wide and 512 rows high (two 10-bit levels a row), with the
/// graticule for the request's signal and units.
/// </summary>
public static class WaveformRenderer
{
    public const int PlotHeight = 512;
    public const int LevelsPerRow = VideoLevels.Codes / PlotHeight;

    public static ScopeLayout Layout(WaveformParams p, ScopeRequest request)
    {
        var mode = request.EffectiveWaveformMode;
        if ((mode != WaveformMode.Luma) != p.Rgb)
        {
            throw new ArgumentException($"waveform mode {mode} needs counts with{(p.Rgb ? "out" : "")} RGB");
        }
        int plots = mode == WaveformMode.Parade ? 3 : 1;
        int width = GraticuleStyle.MarginLeft + plots * p.Columns + (plots - 1) * GraticuleStyle.PlotGap + GraticuleStyle.MarginRight;
        int height = GraticuleStyle.MarginTop + PlotHeight + GraticuleStyle.MarginBottom;
        int channelBlock = p.Columns * VideoLevels.Codes;
        Rgb[] rgb = [GraticuleStyle.TraceRed, GraticuleStyle.TraceGreen, GraticuleStyle.TraceBlue];

        var list = new List<ScopePlot>();
        for (int i = 0; i < plots; i++)
        {
            int x = GraticuleStyle.MarginLeft + i * (p.Columns + GraticuleStyle.PlotGap);
            IReadOnlyList<ScopeTraceChannel> channels = mode switch
            {
                WaveformMode.Luma => [new(0, GraticuleStyle.Phosphor)],
                WaveformMode.RgbOverlay => [new(0, rgb[0]), new(channelBlock, rgb[1]), new(2 * channelBlock, rgb[2])],
                _ => [new(i * channelBlock, rgb[i])],
            };
            list.Add(new ScopePlot(ScopePlotKind.Waveform, x, GraticuleStyle.MarginTop, p.Columns, PlotHeight, LevelsPerRow, channels));
        }

        var canvas = new ScopeCanvas(width, height);
        string what = mode switch
        {
            WaveformMode.Luma => "LUMA WAVEFORM",
            WaveformMode.RgbOverlay => "RGB OVERLAY",
            _ => "RGB PARADE",
        };
        string matrix = mode == WaveformMode.Luma ? "  " + request.Matrix.Name.ToUpperInvariant() : "";
        canvas.Text(GraticuleStyle.MarginLeft, 8, $"{what}{matrix}  {GraticuleStyle.TapName(request.Tap)}",
            GraticuleStyle.Label, GraticuleStyle.Text, GraticuleStyle.TitleScale);
        canvas.TextRight(GraticuleStyle.MarginLeft - 8, 14, SignalScale.UnitName(request.Signal, request.Units),
            GraticuleStyle.Label, GraticuleStyle.Text);

        var marks = SignalScale.Marks(request.Signal, request.Units);
        for (int i = 0; i < list.Count; i++)
        {
            var plot = list[i];
            canvas.StrokeRect(plot.X - 1, plot.Y - 1, plot.Width + 2, plot.Height + 2, GraticuleStyle.Line, GraticuleStyle.Minor);
            foreach (var m in marks)
            {
                int y = RowOf(plot, m.Code);
                canvas.HLine(plot.X, plot.X + plot.Width - 1, y, GraticuleStyle.Line,
                    m.Major ? GraticuleStyle.Major : GraticuleStyle.Minor, m.Dashed ? 4 : 0);
                if (i == 0 && m.Label.Length > 0)
                {
                    canvas.TextRight(plot.X - 6, y - BitmapFont.GlyphHeight / 2, m.Label, GraticuleStyle.Label, GraticuleStyle.Text);
                }
            }
            // Quarter-width ticks help read where in the frame a trace comes from.
            for (int q = 1; q < 4; q++)
            {
                canvas.VLine(plot.X + plot.Width * q / 4, plot.Y, plot.Y + plot.Height - 1, GraticuleStyle.Line, GraticuleStyle.Minor * 0.6f, 3);
            }
            if (mode == WaveformMode.Parade)
            {
                canvas.Text(plot.X + 4, plot.Y + 4, "RGB"[i].ToString(), s_rgbLabel[i], GraticuleStyle.Text, 2);
            }
        }
        return new ScopeLayout(width, height, list, canvas);
    }

    private static readonly Rgb[] s_rgbLabel = [new(1f, 0.45f, 0.4f), new(0.45f, 1f, 0.5f), new(0.5f, 0.6f, 1f)];

    /// <summary>The pixel row of a 10-bit code inside a plot (code 0 at the bottom row, 1023 at the top).</summary>
    public static int RowOf(ScopePlot plot, double code) =>
        plot.Y + plot.Height - 1 - (int)System.Math.Floor(System.Math.Clamp(code, 0, VideoLevels.Codes - 1) / plot.BinsPerPixel);

    /// <summary>The flat-field count and gain for this waveform's trace.</summary>
    public static ScopeTraceScale Scale(WaveformCounts counts, float gain) =>
        ScopeTraceScale.ForFlatCount(counts.SamplesPerColumn, gain);
}
