namespace LiveGrade.Color.Scopes.Rendering;

/// <summary>
/// A transparent RGBA float layer (premultiplied alpha, rows top to bottom) that graticules are drawn on:
/// lines, rectangles, circles and 5x7 text, each painted over what is there. Drawn once per scope layout;
/// the CPU compositor and the GPU trace pass both lay it over the trace.
/// </summary>
public sealed class ScopeCanvas
{
    public ScopeCanvas(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new float[width * height * 4];
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Premultiplied RGBA.</summary>
    public float[] Pixels { get; }

    /// <summary>Paints one pixel with a colour at an opacity (premultiplied "over"); outside pixels are ignored.</summary>
    public void Paint(int x, int y, Rgb c, float alpha)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || alpha <= 0)
        {
            return;
        }
        alpha = MathF.Min(alpha, 1);
        int i = (y * Width + x) * 4;
        float k = 1 - alpha;
        Pixels[i] = Pixels[i] * k + c.R * alpha;
        Pixels[i + 1] = Pixels[i + 1] * k + c.G * alpha;
        Pixels[i + 2] = Pixels[i + 2] * k + c.B * alpha;
        Pixels[i + 3] = Pixels[i + 3] * k + alpha;
    }

    public void FillRect(int x, int y, int w, int h, Rgb c, float alpha)
    {
        for (int yy = System.Math.Max(0, y); yy < System.Math.Min(Height, y + h); yy++)
        {
            for (int xx = System.Math.Max(0, x); xx < System.Math.Min(Width, x + w); xx++)
            {
                Paint(xx, yy, c, alpha);
            }
        }
    }

    /// <summary>A horizontal line; <paramref name="dash"/> &gt; 0 draws dash-long pieces with equal gaps.</summary>
    public void HLine(int x0, int x1, int y, Rgb c, float alpha, int dash = 0)
    {
        for (int x = System.Math.Min(x0, x1); x <= System.Math.Max(x0, x1); x++)
        {
            if (dash <= 0 || (x - x0) / dash % 2 == 0)
            {
                Paint(x, y, c, alpha);
            }
        }
    }

    public void VLine(int x, int y0, int y1, Rgb c, float alpha, int dash = 0)
    {
        for (int y = System.Math.Min(y0, y1); y <= System.Math.Max(y0, y1); y++)
        {
            if (dash <= 0 || (y - y0) / dash % 2 == 0)
            {
                Paint(x, y, c, alpha);
            }
        }
    }

    public void StrokeRect(int x, int y, int w, int h, Rgb c, float alpha)
    {
        HLine(x, x + w - 1, y, c, alpha);
        HLine(x, x + w - 1, y + h - 1, c, alpha);
        VLine(x, y + 1, y + h - 2, c, alpha);
        VLine(x + w - 1, y + 1, y + h - 2, c, alpha);
    }

    /// <summary>
    /// A line between points in continuous pixel coordinates (pixel (i, j) covers [i, i+1) x [j, j+1)),
    /// stepped at half a pixel so it has no gaps; each pixel is painted once.
    /// </summary>
    public void Line(double x0, double y0, double x1, double y1, Rgb c, float alpha)
    {
        double length = System.Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
        int steps = System.Math.Max(1, (int)System.Math.Ceiling(length * 2));
        int lastX = int.MinValue, lastY = int.MinValue;
        for (int s = 0; s <= steps; s++)
        {
            double t = (double)s / steps;
            int x = (int)System.Math.Floor(x0 + (x1 - x0) * t), y = (int)System.Math.Floor(y0 + (y1 - y0) * t);
            if (x != lastX || y != lastY)
            {
                Paint(x, y, c, alpha);
                (lastX, lastY) = (x, y);
            }
        }
    }

    /// <summary>A circle outline (continuous coordinates), each pixel painted once; dashed when dash &gt; 0 (degrees).</summary>
    public void Circle(double cx, double cy, double radius, Rgb c, float alpha, double dashDegrees = 0)
    {
        int steps = System.Math.Max(16, (int)System.Math.Ceiling(2 * System.Math.PI * radius * 2));
        var seen = new HashSet<(int, int)>();
        for (int s = 0; s < steps; s++)
        {
            double deg = 360.0 * s / steps;
            if (dashDegrees > 0 && (int)(deg / dashDegrees) % 2 == 1)
            {
                continue;
            }
            double a = deg * System.Math.PI / 180;
            int x = (int)System.Math.Floor(cx + radius * System.Math.Cos(a)), y = (int)System.Math.Floor(cy - radius * System.Math.Sin(a));
            if (seen.Add((x, y)))
            {
                Paint(x, y, c, alpha);
            }
        }
    }

    /// <summary>Text with its top-left corner at (x, y), each font pixel drawn as a scale x scale block.</summary>
    public void Text(int x, int y, string text, Rgb c, float alpha, int scale = 1)
    {
        for (int i = 0; i < text.Length; i++)
        {
            int gx = x + i * BitmapFont.Advance * scale;
            for (int fy = 0; fy < BitmapFont.GlyphHeight; fy++)
            {
                for (int fx = 0; fx < BitmapFont.GlyphWidth; fx++)
                {
                    if (BitmapFont.Pixel(text[i], fx, fy))
                    {
                        FillRect(gx + fx * scale, y + fy * scale, scale, scale, c, alpha);
                    }
                }
            }
        }
    }

    /// <summary>Text right-aligned so that it ends at <paramref name="right"/> (exclusive).</summary>
    public void TextRight(int right, int y, string text, Rgb c, float alpha, int scale = 1) =>
        Text(right - BitmapFont.Measure(text, scale), y, text, c, alpha, scale);

    /// <summary>Text centred on <paramref name="cx"/>.</summary>
    public void TextCentred(int cx, int y, string text, Rgb c, float alpha, int scale = 1) =>
        Text(cx - BitmapFont.Measure(text, scale) / 2, y, text, c, alpha, scale);
}
