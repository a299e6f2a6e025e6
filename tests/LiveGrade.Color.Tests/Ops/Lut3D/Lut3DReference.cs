using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.Color.Tests.Ops.Lut3D;

/// <summary>
/// Scalar reference interpolation in double precision, written independently of the renderer to
/// cross-check it: tetrahedral as a walk from the low corner to the high corner of the cell, one axis at a
/// time in order of decreasing fractional part (the textbook form, Kasson et al. 1995), rather than the
/// renderer's six explicit cases; trilinear as the weighted sum over the eight corners. Lattice index
/// N-1 is handled by moving to the cell below with fraction 1 instead of clamping the high corner.
/// </summary>
public static class Lut3DReference
{
    public static (double R, double G, double B) Tetrahedral(Lut3DOpData lut, double r, double g, double b)
    {
        var (i, f) = Cell(lut, r, g, b);
        // Axes sorted by fractional part, largest first (a stable order breaks ties: either tetrahedron
        // sharing the face gives the same value there).
        int[] order = [0, 1, 2];
        Array.Sort(order, (x, y) => f[y].CompareTo(f[x]) != 0 ? f[y].CompareTo(f[x]) : x.CompareTo(y));
        int[] corner = [i[0], i[1], i[2]];
        var result = Scale(Entry(lut, corner), 1 - f[order[0]]);
        for (int k = 0; k < 3; k++)
        {
            corner[order[k]]++;
            double w = k < 2 ? f[order[k]] - f[order[k + 1]] : f[order[2]];
            result = Add(result, Scale(Entry(lut, corner), w));
        }
        return result;
    }

    public static (double R, double G, double B) Trilinear(Lut3DOpData lut, double r, double g, double b)
    {
        var (i, f) = Cell(lut, r, g, b);
        (double, double, double) sum = (0, 0, 0);
        for (int corner = 0; corner < 8; corner++)
        {
            double w = 1;
            int[] at = new int[3];
            for (int c = 0; c < 3; c++)
            {
                bool high = (corner >> c & 1) == 1;
                at[c] = i[c] + (high ? 1 : 0);
                w *= high ? f[c] : 1 - f[c];
            }
            sum = Add(sum, Scale(Entry(lut, at), w));
        }
        return sum;
    }

    /// <summary>Low corner and fractional parts; inputs clamped to the domain, NaN taken as the minimum.</summary>
    private static (int[] Low, double[] Fraction) Cell(Lut3DOpData lut, double r, double g, double b)
    {
        double[] x = [r, g, b];
        var low = new int[3];
        var frac = new double[3];
        int last = lut.Size - 1;
        for (int c = 0; c < 3; c++)
        {
            double v = double.IsNaN(x[c]) ? lut.DomainMin[c] : System.Math.Clamp(x[c], lut.DomainMin[c], lut.DomainMax[c]);
            double index = (v - lut.DomainMin[c]) / (lut.DomainMax[c] - lut.DomainMin[c]) * last;
            low[c] = System.Math.Min((int)System.Math.Floor(index), last - 1);
            frac[c] = index - low[c];
        }
        return (low, frac);
    }

    private static (double, double, double) Entry(Lut3DOpData lut, int[] rgb)
    {
        // Red fastest: r + N (g + N b).
        int at = 3 * (rgb[0] + lut.Size * (rgb[1] + lut.Size * rgb[2]));
        var t = lut.Table;
        return (t[at], t[at + 1], t[at + 2]);
    }

    private static (double, double, double) Scale((double A, double B, double C) v, double w) => (v.A * w, v.B * w, v.C * w);

    private static (double, double, double) Add((double A, double B, double C) x, (double A, double B, double C) y) =>
        (x.A + y.A, x.B + y.B, x.C + y.C);
}
