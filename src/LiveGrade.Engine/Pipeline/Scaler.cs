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
        // Each destination column's first source column, made once per call: two 64-bit divisions a pixel were
        // most of the multiviewer's scaling time. (Stack for any width a picture has; the heap past that.)
        Span<int> starts = w < 8192 ? stackalloc int[w + 1] : new int[w + 1];
        for (int dx = 0; dx <= w; dx++) starts[dx] = (int)((long)dx * sw / w);
        int widest = 1;
        for (int dx = 0; dx < w; dx++) widest = Math.Max(widest, Math.Max(starts[dx] + 1, starts[dx + 1]) - starts[dx]);
        // 1 / (columns x rows) of a block, per block width, for the current row band (the same float as before).
        Span<float> inverse = widest < 256 ? stackalloc float[widest + 1] : new float[widest + 1];
        for (int dy = 0; dy < h; dy++)
        {
            int y0 = (int)((long)dy * sh / h), y1 = Math.Max(y0 + 1, (int)((long)(dy + 1) * sh / h));
            for (int n = 1; n <= widest; n++) inverse[n] = 1f / (n * (y1 - y0));
            var row = target.Slice((y + dy) * dstStride + x, w);
            for (int dx = 0; dx < w; dx++)
            {
                int x0 = starts[dx], x1 = Math.Max(x0 + 1, starts[dx + 1]);
                var sum = Vector128<float>.Zero;
                for (int sy = y0; sy < y1; sy++)
                {
                    foreach (var p in source.Slice(sy * sw + x0, x1 - x0))
                    {
                        sum += p;
                    }
                }
                row[dx] = (sum * inverse[x1 - x0]).WithElement(3, 1f);
            }
        }
    }
}
