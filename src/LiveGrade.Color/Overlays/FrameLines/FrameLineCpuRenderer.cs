using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveGrade.Color.Overlays.FrameLines;

/// <summary>
/// CPU reference of overlay_frame_lines.comp. Per pixel, in order: outside the frame is darkened by
/// <see cref="FrameLineParams.Shade"/>; the frame's border band (LineWidth, inside the frame) takes the line
/// colour; the safe rectangles' borders (1 pixel) take the safe colour; the centre cross its colour.
/// One instance serves one thread at a time (it keeps the geometry of the last picture size).
/// </summary>
public sealed class FrameLineCpuRenderer(FrameLineParams parameters)
{
    private FrameLineGeometry? _geometry;
    private (int Width, int Height) _geometrySize;

    public void Apply(Span<float> rgba, int width, int height)
    {
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException("buffer does not match width x height RGBA");
        }
        var p = parameters;
        // The geometry is a record: made once per picture size, not per frame (the live outputs call this each frame).
        if (_geometry is not { } g || _geometrySize != (width, height))
        {
            g = _geometry = FrameLineGeometry.For(width, height, p);
            _geometrySize = (width, height);
        }
        var shade = Vector128.Create(1f - p.Shade, 1f - p.Shade, 1f - p.Shade, 1f); // alpha kept
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(rgba);
        var f = g.Frame;
        int x0 = System.Math.Clamp(f.X, 0, width), x1 = System.Math.Clamp(f.Right, x0, width);
        for (int y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            if (y < f.Y || y >= f.Bottom)
            {
                Shade(row, shade);
                continue;
            }
            Shade(row[..x0], shade);
            Shade(row[x1..], shade);
            // Same result as asking PaintAt for every pixel of the frame, touching only the pixels it can paint:
            // a row crossed by a horizontal edge (frame band, cross arm, safe top/bottom) is walked in full;
            // any other row can only be painted in the columns of the vertical edges.
            bool edgeRow = y < f.Y + p.LineWidth || y >= f.Bottom - p.LineWidth
                || (p.CentreCross && y >= g.CrossH.Y && y < g.CrossH.Bottom)
                || (p.ActionSafe && (y == g.ActionSafe.Y || y == g.ActionSafe.Bottom - 1))
                || (p.TitleSafe && (y == g.TitleSafe.Y || y == g.TitleSafe.Bottom - 1));
            if (edgeRow)
            {
                Paint(row, p, g, y, x0, x1);
                continue;
            }
            Paint(row, p, g, y, x0, System.Math.Min(x1, f.X + p.LineWidth));
            Paint(row, p, g, y, System.Math.Max(x0, f.Right - p.LineWidth), x1);
            if (p.CentreCross) Paint(row, p, g, y, System.Math.Max(x0, g.CrossV.X), System.Math.Min(x1, g.CrossV.Right));
            if (p.ActionSafe) PaintColumns(row, p, g, y, x0, x1, g.ActionSafe);
            if (p.TitleSafe) PaintColumns(row, p, g, y, x0, x1, g.TitleSafe);
        }
    }

    private static void Shade(Span<Vector128<float>> pixels, Vector128<float> factor)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] *= factor;
        }
    }

    private static void Paint(Span<Vector128<float>> row, FrameLineParams p, FrameLineGeometry g, int y, int from, int to)
    {
        for (int x = from; x < to; x++)
        {
            if (PaintAt(p, g, x, y) is { } c)
            {
                row[x] = Vector128.Create(c.R, c.G, c.B, row[x].GetElement(3));
            }
        }
    }

    private static void PaintColumns(Span<Vector128<float>> row, FrameLineParams p, FrameLineGeometry g, int y, int from, int to, PixelRect safe)
    {
        if (safe.X >= from && safe.X < to) Paint(row, p, g, y, safe.X, safe.X + 1);
        int right = safe.Right - 1;
        if (right >= from && right < to) Paint(row, p, g, y, right, right + 1);
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
