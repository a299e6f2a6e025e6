using System.Text;
using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>Which .3dl header a writer emits.</summary>
public enum Autodesk3DlStyle
{
    /// <summary>Flame: the mesh line, then the lattice.</summary>
    Flame,

    /// <summary>Lustre: <c>3DMESH</c> and <c>Mesh inBits outBits</c> first, <c>LUT8</c>/<c>gamma 1.0</c> last. Needs an edge of 2^k + 1.</summary>
    Lustre,
}

/// <summary>
/// Writes .3dl: a uniform 10-bit mesh line (0..1023, omitted for lattices of 3 or fewer points, where a
/// mesh would read as a lattice entry), then the lattice BLUE fastest as integers at the chosen output bit
/// depth (12 by default, what Flame and Lustre expect; 16 keeps more precision). Outputs are clamped to
/// [0, 1] before scaling, as in every integer LUT. Only a 3D LUT on [0, 1] without shaper can be written.
/// </summary>
public static class Autodesk3DlWriter
{
    public static string Format(LutFile lut) => Format(lut, 12, Autodesk3DlStyle.Flame);

    public static string Format(LutFile lut, int outputBitDepth, Autodesk3DlStyle style)
    {
        if (lut.Lut1D is not null || lut.Lut3D is null)
        {
            throw new NotSupportedException(".3dl is written as a single 3D LUT without a shaper");
        }
        if (outputBitDepth is not (10 or 12 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(outputBitDepth), "a .3dl output bit depth is 10, 12 or 16");
        }
        var l = lut.Lut3D;
        if (!l.HasUnitDomain)
        {
            throw new NotSupportedException(".3dl has no input domain; this LUT's domain is not [0, 1]");
        }
        int n = l.Size;
        int meshBits = 0;
        if (style == Autodesk3DlStyle.Lustre)
        {
            // Lustre's Mesh line names the lattice by its input bit depth: 2^bits + 1 points.
            while ((1 << meshBits) + 1 < n)
            {
                meshBits++;
            }
            if ((1 << meshBits) + 1 != n)
            {
                throw new NotSupportedException($"a Lustre .3dl lattice has 2^k + 1 points per edge, not {n}");
            }
        }
        var sb = new StringBuilder();
        if (style == Autodesk3DlStyle.Lustre)
        {
            sb.Append("3DMESH\nMesh ").Append(meshBits).Append(' ').Append(outputBitDepth).Append('\n');
        }
        if (n > 3)
        {
            for (int i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }
                sb.Append((int)System.Math.Round(i * 1023.0 / (n - 1), MidpointRounding.AwayFromZero));
            }
            sb.Append('\n');
        }
        float scale = (1 << outputBitDepth) - 1;
        var t = l.Table;
        for (int r = 0; r < n; r++)
        {
            for (int g = 0; g < n; g++)
            {
                for (int b = 0; b < n; b++)
                {
                    int at = 3 * Lut3DOpData.Index(r, g, b, n);
                    sb.Append(Code(t[at], scale)).Append(' ').Append(Code(t[at + 1], scale)).Append(' ')
                        .Append(Code(t[at + 2], scale)).Append('\n');
                }
            }
        }
        if (style == Autodesk3DlStyle.Lustre)
        {
            sb.Append("\nLUT8\ngamma 1.0\n");
        }
        return sb.ToString();
    }

    private static int Code(float v, float scale) => (int)MathF.Round(System.Math.Clamp(v, 0f, 1f) * scale, MidpointRounding.AwayFromZero);
}
