using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;

namespace LiveGrade.Color.Looks;

/// <summary>
/// Samples a look at the n^3 lattice of a 3D LUT, one blue slice at a time so that a caller can show progress
/// on a 65^3 or 129^3 bake. Shared by `livegrade lut bake` and the look library's per-camera LUT export.
/// </summary>
public static class LookBaker
{
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
