namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Resizes RGBA float pictures on the CPU for multiviewer tiles and mismatched inputs: an area average
/// (box filter over the source pixels each destination pixel covers, at integer sample positions), which
/// does not alias a zone plate the way point sampling does and costs one read per source pixel.
/// </summary>
public static class Scaler
{
    /// <summary>Scales <paramref name="src"/> (sw x sh) to fill <paramref name="dst"/> (dw x dh) exactly.</summary>
    public static void Fit(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dw, int dh) =>
        FitInto(src, sw, sh, dst, dw, 0, 0, dw, dh);

    /// <summary>Scales into the rectangle (x, y, w, h) of a larger picture <paramref name="dst"/> of width <paramref name="dstStride"/> pixels.</summary>
    public static void FitInto(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dstStride, int x, int y, int w, int h)
    {
        for (int dy = 0; dy < h; dy++)
        {
            int y0 = (int)((long)dy * sh / h), y1 = Math.Max(y0 + 1, (int)((long)(dy + 1) * sh / h));
            var row = dst.Slice(((y + dy) * dstStride + x) * 4, w * 4);
            for (int dx = 0; dx < w; dx++)
            {
                int x0 = (int)((long)dx * sw / w), x1 = Math.Max(x0 + 1, (int)((long)(dx + 1) * sw / w));
                float r = 0, g = 0, b = 0;
                for (int sy = y0; sy < y1; sy++)
                {
                    var s = src.Slice((sy * sw + x0) * 4, (x1 - x0) * 4);
                    for (int i = 0; i < s.Length; i += 4)
                    {
                        r += s[i];
                        g += s[i + 1];
                        b += s[i + 2];
                    }
                }
                float inv = 1f / ((x1 - x0) * (y1 - y0));
                row[dx * 4] = r * inv;
                row[dx * 4 + 1] = g * inv;
                row[dx * 4 + 2] = b * inv;
                row[dx * 4 + 3] = 1f;
            }
        }
    }
}
