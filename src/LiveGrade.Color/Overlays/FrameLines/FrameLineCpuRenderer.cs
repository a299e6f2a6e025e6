namespace LiveGrade.Color.Overlays.FrameLines;

/// <summary>
/// CPU reference of overlay_frame_lines.comp. Per pixel, in order: outside the frame is darkened by
/// <see cref="FrameLineParams.Shade"/>; the frame's border band (LineWidth, inside the frame) takes the line
/// colour; the safe rectangles' borders (1 pixel) take the safe colour; the centre cross its colour.
/// </summary>
public sealed class FrameLineCpuRenderer(FrameLineParams parameters)
{
    public void Apply(Span<float> rgba, int width, int height)
    {
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
        var p = parameters;
        var g = FrameLineGeometry.For(width, height, p);
        float keep = 1f - p.Shade;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                if (!g.Frame.Contains(x, y))
                {
                    rgba[i] *= keep;
                    rgba[i + 1] *= keep;
                    rgba[i + 2] *= keep;
                    continue;
                }
                var c = PaintAt(p, g, x, y);
                if (c is { } col)
                {
                    (rgba[i], rgba[i + 1], rgba[i + 2]) = (col.R, col.G, col.B);
                }
            }
        }
    }

    /// <summary>The colour painted at a pixel inside the frame, or null to keep the picture.</summary>
    private static Scopes.Rendering.Rgb? PaintAt(FrameLineParams p, FrameLineGeometry g, int x, int y)
    {
        if (g.Frame.OnBorder(x, y, p.LineWidth))
        {
            return p.LineColour;
        }
        if (p.CentreCross && (g.CrossH.Contains(x, y) || g.CrossV.Contains(x, y)))
        {
            return p.CrossColour;
        }
        if ((p.ActionSafe && g.ActionSafe.OnBorder(x, y, 1)) || (p.TitleSafe && g.TitleSafe.OnBorder(x, y, 1)))
        {
            return p.SafeColour;
        }
        return null;
    }
}
