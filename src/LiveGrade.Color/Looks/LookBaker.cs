using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;

namespace LiveGrade.Color.Looks;

/// <summary>
/// Samples a look at the n³ lattice of the unit cube into a 3D LUT, as a LUT box or the live CPU renderer
/// needs it. The input domain is [0, 1] (camera log and display signals live there); scene-linear or HDR
/// input needs a shaper (see `lut bake --shaper`). Non-finite results are stored as 0 and counted, because
/// a NaN in a lattice spreads to every pixel that touches its cell. <see cref="BakeCube"/> is the general form
/// with an input shaper and progress, shared by `livegrade lut bake` and the look library's camera LUT export.
/// </summary>
public static class LookBaker
{
    public static (Lut3DOpData Cube, int NonFinite) BakeUnitCube(OpList look, int size, Lut3DInterpolation interpolation = Lut3DInterpolation.Tetrahedral)
    {
        if (size is < 2 or > Lut3DOpData.MaxSize) throw new ArgumentOutOfRangeException(nameof(size), size, $"size must be 2..{Lut3DOpData.MaxSize}");
        var processor = new CpuProcessor(look);
        int n = size;
        var rgba = new float[n * n * n * 4];
        for (int b = 0, i = 0; b < n; b++)
        {
            for (int g = 0; g < n; g++)
            {
                for (int r = 0; r < n; r++, i += 4)
                {
                    rgba[i] = r / (float)(n - 1);
                    rgba[i + 1] = g / (float)(n - 1);
                    rgba[i + 2] = b / (float)(n - 1);
                    rgba[i + 3] = 1f;
                }
            }
        }
        processor.Apply(rgba);
        var table = new float[n * n * n * 3];
        int nonFinite = 0;
        for (int p = 0; p < n * n * n; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                var v = rgba[p * 4 + c];
                if (!float.IsFinite(v))
                {
                    v = 0;
                    nonFinite++;
                }
                table[p * 3 + c] = v;
            }
        }
        return (new Lut3DOpData(n, table, interpolation: interpolation), nonFinite);
    }

    /// <param name="unshape">Maps a lattice coordinate in [0, 1] to the look's input value (identity without a shaper).</param>
    /// <param name="sliceDone">Called after each of the n blue slices (on the calling thread), or null.</param>
    /// <returns>The cube, and how many lattice points gave NaN or infinity (stored as 0 or ±65504).</returns>
    public static (Lut3DOpData Cube, int NonFinite) BakeCube(CpuProcessor processor, int n, Func<double, double> unshape, Action? sliceDone = null)
    {
        var axis = new float[n];
        for (int i = 0; i < n; i++)
        {
            axis[i] = (float)unshape((double)i / (n - 1));
        }
        var table = new float[n * n * n * 3];
        var slice = new float[n * n * 4];
        for (int b = 0; b < n; b++)
        {
            for (int g = 0, i = 0; g < n; g++)
            {
                for (int r = 0; r < n; r++, i += 4)
                {
                    (slice[i], slice[i + 1], slice[i + 2], slice[i + 3]) = (axis[r], axis[g], axis[b], 1f);
                }
            }
            processor.Apply(slice);
            for (int p = 0, o = b * n * n * 3; p < n * n; p++, o += 3)
            {
                (table[o], table[o + 1], table[o + 2]) = (slice[p * 4], slice[p * 4 + 1], slice[p * 4 + 2]);
            }
            sliceDone?.Invoke();
        }
        // LUT files cannot hold NaN or infinity: NaN becomes 0 and infinities the largest half-float,
        // the range any LUT consumer (GPU half textures, LUT boxes) can carry.
        int nonFinite = 0;
        for (int i = 0; i < table.Length; i += 3)
        {
            bool bad = false;
            for (int c = i; c < i + 3; c++)
            {
                if (!float.IsFinite(table[c]))
                {
                    table[c] = float.IsNaN(table[c]) ? 0f : float.IsPositive(table[c]) ? 65504f : -65504f;
                    bad = true;
                }
            }
            nonFinite += bad ? 1 : 0;
        }
        return (new Lut3DOpData(n, table), nonFinite);
    }
}
