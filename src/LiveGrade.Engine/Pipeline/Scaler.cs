using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveGrade.Engine.Pipeline;

/// <summary>
/// Resizes RGBA float pictures on the CPU for multiviewer tiles and mismatched inputs: an area average
/// (box filter over the source pixels each destination pixel covers, at integer sample positions), which
/// does not alias a zone plate the way point sampling does and costs one read per source pixel.
/// A pixel is one 128-bit vector (R, G, B, A): the four sums run side by side in one register, in the same
/// order as channel-by-channel scalar sums, so the result does not depend on the vector width.
/// </summary>
public static class Scaler
{
    /// <summary>Scales <paramref name="src"/> (sw x sh) to fill <paramref name="dst"/> (dw x dh) exactly.</summary>
    public static void Fit(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dw, int dh) =>
        FitInto(src, sw, sh, dst, dw, 0, 0, dw, dh);

    /// <summary>Scales into the rectangle (x, y, w, h) of a larger picture <paramref name="dst"/> of width <paramref name="dstStride"/> pixels.</summary>
    public static void FitInto(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dstStride, int x, int y, int w, int h)
    {
        var source = MemoryMarshal.Cast<float, Vector128<float>>(src);
        var target = MemoryMarshal.Cast<float, Vector128<float>>(dst);
        for (int dy = 0; dy < h; dy++)
        {
            int y0 = (int)((long)dy * sh / h), y1 = Math.Max(y0 + 1, (int)((long)(dy + 1) * sh / h));
            var row = target.Slice((y + dy) * dstStride + x, w);
            for (int dx = 0; dx < w; dx++)
            {
                int x0 = (int)((long)dx * sw / w), x1 = Math.Max(x0 + 1, (int)((long)(dx + 1) * sw / w));
                var sum = Vector128<float>.Zero;
                for (int sy = y0; sy < y1; sy++)
                {
                    foreach (var p in source.Slice(sy * sw + x0, x1 - x0))
                    {
                        sum += p;
                    }
                }
                float inv = 1f / ((x1 - x0) * (y1 - y0));
                row[dx] = (sum * inv).WithElement(3, 1f);
            }
        }
    }
}
