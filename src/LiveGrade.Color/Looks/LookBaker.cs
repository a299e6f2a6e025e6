using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;

namespace LiveGrade.Color.Looks;

/// <summary>
/// Samples a look at the n³ lattice of the unit cube into a 3D LUT, as a LUT box or the live CPU renderer
/// needs it. The input domain is [0, 1] (camera log and display signals live there); scene-linear or HDR
/// input needs a shaper (see `lut bake --shaper`). Non-finite results are stored as 0 and counted, because
/// a NaN in a lattice spreads to every pixel that touches its cell.
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
}
