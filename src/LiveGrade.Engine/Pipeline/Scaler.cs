using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    private const int PrefetchPixels = 128; // 2 KiB ahead (64 pixels: 1.78 ms, 128: 1.70, 32: 2.2 at 1080p)
    private const int PrefetchAbovePixels = 1 << 18; // 4 MiB of source

    /// <summary>Scales <paramref name="src"/> (sw x sh) to fill <paramref name="dst"/> (dw x dh) exactly.</summary>
    public static void Fit(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dw, int dh) =>
        FitInto(src, sw, sh, dst, dw, 0, 0, dw, dh);

    /// <summary>Scales into the rectangle (x, y, w, h) of a larger picture <paramref name="dst"/> of width <paramref name="dstStride"/> pixels.</summary>
    public static void FitInto(ReadOnlySpan<float> src, int sw, int sh, Span<float> dst, int dstStride, int x, int y, int w, int h)
    {
        // Each destination column's first source column, made once per call: two 64-bit divisions a pixel were
        // most of the multiviewer's scaling time. (Stack for any width a picture has; the heap past that.)
        Span<int> starts = w < 8192 ? stackalloc int[w + 1] : new int[w + 1];
        int widest = ColumnStarts(sw, w, starts);
        Span<float> inverse = widest < 256 ? stackalloc float[widest + 1] : new float[widest + 1];
        var target = MemoryMarshal.Cast<float, Vector128<float>>(dst);
        for (int dy = 0; dy < h; dy++)
        {
            Row(src, sw, sh, h, starts, inverse, dy, target.Slice((y + dy) * dstStride + x, w));
        }
    }

    /// <summary>Fills <paramref name="starts"/> (w + 1 entries) with each destination column's first source column; returns the widest block.</summary>
    internal static int ColumnStarts(int sw, int w, Span<int> starts)
    {
        for (int dx = 0; dx <= w; dx++) starts[dx] = (int)((long)dx * sw / w);
        int widest = 1;
        for (int dx = 0; dx < w; dx++) widest = Math.Max(widest, Math.Max(starts[dx] + 1, starts[dx + 1]) - starts[dx]);
        return widest;
    }

    /// <summary>
    /// Destination row <paramref name="dy"/> of <paramref name="h"/> into <paramref name="row"/> (one pixel a vector):
    /// each pixel the average of the source block it covers. <paramref name="inverse"/> (widest + 1 entries) is scratch.
    /// </summary>
    internal static unsafe void Row(ReadOnlySpan<float> src, int sw, int sh, int h, ReadOnlySpan<int> starts, Span<float> inverse, int dy, Span<Vector128<float>> row)
    {
        var source = MemoryMarshal.Cast<float, Vector128<float>>(src);
        int y0 = (int)((long)dy * sh / h), y1 = Math.Max(y0 + 1, (int)((long)(dy + 1) * sh / h));
        // Every block lies inside the source (starts[] ends at sw, and y1 <= sh): checked once here, so the
        // loops below read through a pointer (the span slices and bounds checks per block were half the time).
        if ((long)y1 * sw > source.Length || starts.Length < row.Length + 1 || starts[row.Length] > sw) throw new ArgumentException("the source is smaller than its size says", nameof(src));
        // 1 / (columns x rows) of a block, per block width, for this row band (the same float as before).
        for (int n = 1; n < inverse.Length; n++) inverse[n] = 1f / (n * (y1 - y0));
        int rows = y1 - y0;
        // A source that fits in the caches (a thumbnail) gains nothing from prefetching and pays for the instructions.
        bool prefetch = Sse.IsSupported && source.Length > PrefetchAbovePixels;
        fixed (Vector128<float>* first = source)
        fixed (int* start = starts)
        fixed (float* inv = inverse)
        fixed (Vector128<float>* into = row)
        {
            var top = first + (long)y0 * sw;
            for (int dx = 0; dx < row.Length; dx++)
            {
                int x0 = start[dx], n = Math.Max(x0 + 1, start[dx + 1]) - x0;
                var p = top + x0;
                if (prefetch && (dx & 1) == 0)
                {
                    // Ask for the block rows' data 2 KiB ahead: the hardware prefetcher alone left the reads and the sums
                    // one after the other (2.6 ms a 1080p input, where reading alone is 1.3 and summing cached data 1.0).
                    for (int sy = 0; sy < rows; sy++) Sse.Prefetch0(p + (long)sy * sw + PrefetchPixels);
                }
                // Row by row, left to right, as the channel-by-channel scalar sum (0 + the first pixel is exact).
                var sum = Vector128<float>.Zero;
                switch (n)
                {
                    case 1:
                        for (int sy = 0; sy < rows; sy++, p += sw) sum += p[0];
                        break;
                    case 2:
                        for (int sy = 0; sy < rows; sy++, p += sw) sum = sum + p[0] + p[1];
                        break;
                    case 3:
                        for (int sy = 0; sy < rows; sy++, p += sw) sum = sum + p[0] + p[1] + p[2];
                        break;
                    default:
                        for (int sy = 0; sy < rows; sy++, p += sw)
                        {
                            for (int k = 0; k < n; k++) sum += p[k];
                        }
                        break;
                }
                into[dx] = (sum * inv[n]).WithElement(3, 1f);
            }
        }
    }
}

/// <summary>
/// <see cref="Scaler"/> one destination row at a time, for a caller that consumes each row while it is in L1 (the
/// multiviewer grades a tile row straight from it into the output picture, so the scaled picture never goes
/// through memory). The column table is made once per size; allocation-free per row.
/// </summary>
public sealed class RowScaler
{
    private readonly int[] _starts;
    private readonly float[] _inverse;

    public RowScaler(int sourceWidth, int sourceHeight, int width, int height)
    {
        (SourceWidth, SourceHeight, Width, Height) = (sourceWidth, sourceHeight, width, height);
        _starts = new int[width + 1];
        _inverse = new float[Scaler.ColumnStarts(sourceWidth, width, _starts) + 1];
    }

    public int SourceWidth { get; }
    public int SourceHeight { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Destination row <paramref name="dy"/> of the scaled <paramref name="src"/> into <paramref name="row"/> (Width RGBA pixels).</summary>
    public void Row(ReadOnlySpan<float> src, int dy, Span<float> row) =>
        Scaler.Row(src, SourceWidth, SourceHeight, Height, _starts, _inverse, dy, MemoryMarshal.Cast<float, Vector128<float>>(row)[..Width]);
}
