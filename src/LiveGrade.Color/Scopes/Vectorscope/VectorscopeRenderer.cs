using LiveGrade.Color.Scopes.Rendering;

namespace LiveGrade.Color.Scopes.Vectorscope;

/// <summary>
/// Lays out a vectorscope picture: a square plot, one pixel per bin, +Cb to the right and +Cr up, with the
/// colour-difference circle, axes, the 75% and 100% targets of the chosen matrix and the skin-tone line.
/// </summary>
public static class VectorscopeRenderer
{
    public static ScopeLayout Layout(VectorscopeParams p, ScopeRequest request)
    {
        int n = p.Size;
        int width = GraticuleStyle.MarginLeft + n + GraticuleStyle.MarginLeft;
        int height = GraticuleStyle.MarginTop + n + GraticuleStyle.MarginBottom;
        var plot = new ScopePlot(ScopePlotKind.Vectorscope, GraticuleStyle.MarginLeft, GraticuleStyle.MarginTop, n, n, 1,
            [new ScopeTraceChannel(0, GraticuleStyle.Phosphor)]);
        var c = new ScopeCanvas(width, height);

        string targets = (request.Targets75, request.Targets100) switch
        {
            (true, true) => "75% + 100%",
            (true, false) => "75%",
            (false, true) => "100%",
            _ => "",
        };
        c.Text(GraticuleStyle.MarginLeft, 8, $"VECTORSCOPE  {p.Matrix.Name.ToUpperInvariant()}  {targets}",
            GraticuleStyle.Label, GraticuleStyle.Text, GraticuleStyle.TitleScale);
        c.TextRight(width - GraticuleStyle.MarginRight, height - GraticuleStyle.MarginBottom + 3, GraticuleStyle.TapName(request.Tap),
            GraticuleStyle.Label, GraticuleStyle.Text);

        var (cx, cy) = Position(plot, 0, 0);
        double unit = VideoLevels.ChromaScale * n / VideoLevels.Codes; // pixels per 1.0 of Cb or Cr
        c.StrokeRect(plot.X - 1, plot.Y - 1, n + 2, n + 2, GraticuleStyle.Line, GraticuleStyle.Minor * 0.6f);
        c.Circle(cx, cy, 0.5 * unit, GraticuleStyle.Line, GraticuleStyle.Major);
        c.Circle(cx, cy, 0.25 * unit, GraticuleStyle.Line, GraticuleStyle.Minor, dashDegrees: 4);
        c.Line(cx - 0.5 * unit, cy, cx + 0.5 * unit, cy, GraticuleStyle.Line, GraticuleStyle.Minor);
        c.Line(cx, cy - 0.5 * unit, cx, cy + 0.5 * unit, GraticuleStyle.Line, GraticuleStyle.Minor);
        // Ticks every 0.05 of colour difference along both axes.
        for (int k = -10; k <= 10; k++)
        {
            if (k == 0)
            {
                continue;
            }
            double d = k * 0.05 * unit;
            double len = k % 5 == 0 ? 5 : 3;
            c.Line(cx + d, cy - len, cx + d, cy + len, GraticuleStyle.Line, GraticuleStyle.Minor);
            c.Line(cx - len, cy + d, cx + len, cy + d, GraticuleStyle.Line, GraticuleStyle.Minor);
        }

        // Skin-tone line (I axis): from the centre out to the circle.
        double skin = VectorscopeTargets.SkinToneAngleDegrees * System.Math.PI / 180;
        c.Line(cx, cy, cx + System.Math.Cos(skin) * 0.5 * unit, cy - System.Math.Sin(skin) * 0.5 * unit, GraticuleStyle.Label, GraticuleStyle.Major);
        c.TextCentred((int)(cx + System.Math.Cos(skin) * 0.54 * unit), (int)(cy - System.Math.Sin(skin) * 0.54 * unit) - 3, "SKIN",
            GraticuleStyle.Label, GraticuleStyle.Text);

        int small = System.Math.Max(3, n / 80), large = System.Math.Max(5, n / 48);
        if (request.Targets75)
        {
            foreach (var t in VectorscopeTargets.For(p.Matrix, 0.75))
            {
                var (tx, ty) = Position(plot, t.Cb, t.Cr);
                c.StrokeRect((int)System.Math.Floor(tx) - small, (int)System.Math.Floor(ty) - small, 2 * small + 1, 2 * small + 1, GraticuleStyle.Line, GraticuleStyle.Major);
            }
        }
        foreach (var t in VectorscopeTargets.For(p.Matrix, 1.0))
        {
            var (tx, ty) = Position(plot, t.Cb, t.Cr);
            if (request.Targets100)
            {
                int x0 = (int)System.Math.Floor(tx) - large, y0 = (int)System.Math.Floor(ty) - large, s = 2 * large + 1;
                c.HLine(x0, x0 + s - 1, y0, GraticuleStyle.Line, GraticuleStyle.Major, 2);
                c.HLine(x0, x0 + s - 1, y0 + s - 1, GraticuleStyle.Line, GraticuleStyle.Major, 2);
                c.VLine(x0, y0, y0 + s - 1, GraticuleStyle.Line, GraticuleStyle.Major, 2);
                c.VLine(x0 + s - 1, y0, y0 + s - 1, GraticuleStyle.Line, GraticuleStyle.Major, 2);
            }
            // Label just outside the 100% target, along its direction from the centre.
            double a = System.Math.Atan2(t.Cr, t.Cb);
            double rLabel = System.Math.Sqrt(t.Cb * t.Cb + t.Cr * t.Cr) * unit + large + 10;
            c.TextCentred((int)(cx + System.Math.Cos(a) * rLabel), (int)(cy - System.Math.Sin(a) * rLabel) - 3, t.Label, GraticuleStyle.Label, GraticuleStyle.Text);
        }
        return new ScopeLayout(width, height, [plot], c);
    }

    /// <summary>
    /// Where a (Cb, Cr) value lies on the plot in continuous pixel coordinates: the centre of the bin its
    /// 10-bit codes fall in, before rounding (so code c sits at (c + 0.5) * size / 1024 from the left).
    /// </summary>
    public static (double X, double Y) Position(ScopePlot plot, double cb, double cr)
    {
        double k = (double)plot.Width / VideoLevels.Codes;
        double cbCode = VideoLevels.ChromaOffset + cb * VideoLevels.ChromaScale;
        double crCode = VideoLevels.ChromaOffset + cr * VideoLevels.ChromaScale;
        return (plot.X + (cbCode + 0.5) * k, plot.Y + plot.Height - (crCode + 0.5) * k);
    }

    public static ScopeTraceScale Scale(VectorscopeCounts counts, float gain) => ScopeTraceScale.ForFlatCount(counts.Samples, gain);
}
