using System.Text;
using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Writes .spi3d: lattice points blue fastest (as OpenColorIO and SPI tools write them), each as its
/// indices and its output. The format has no domain and no shaper: only a 3D LUT on [0, 1] can be written.
/// Values read back as exactly the same floats.
/// </summary>
public static class Spi3DWriter
{
    public static string Format(LutFile lut)
    {
        if (lut.Lut1D is not null || lut.Lut3D is null)
        {
            throw new NotSupportedException(".spi3d holds a single 3D LUT without a shaper");
        }
        var l = lut.Lut3D;
        if (!l.HasUnitDomain)
        {
            throw new NotSupportedException(".spi3d has no input domain; this LUT's domain is not [0, 1]");
        }
        int n = l.Size;
        var t = l.Table;
        var sb = new StringBuilder();
        sb.Append("SPILUT 1.0\n3 3\n").Append(n).Append(' ').Append(n).Append(' ').Append(n).Append('\n');
        for (int r = 0; r < n; r++)
        {
            for (int g = 0; g < n; g++)
            {
                for (int b = 0; b < n; b++)
                {
                    int at = 3 * Lut3DOpData.Index(r, g, b, n);
                    sb.Append(r).Append(' ').Append(g).Append(' ').Append(b).Append(' ');
                    CubeWriter.AppendRgb(sb, t[at], t[at + 1], t[at + 2]);
                }
            }
        }
        return sb.ToString();
    }
}
