using System.Text;
using LiveGrade.Color.Ops.Lut1D;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Writes Rising Sun cinespace .csp (<c>CSPLUTV100</c>), the format <see cref="CspReader"/> reads:
/// <list type="bullet">
/// <item>a 3D LUT: three preluts, then <c>N N N</c> and the lattice red fastest. The preluts carry the
/// domain: identity (<c>2 / 0 1 / 0 1</c>) on [0, 1], otherwise two points mapping [min, max] onto [0, 1]
/// per channel (cinespace's spline through two points is a straight line, clamped beyond the ends);</item>
/// <item>a shaper and a 3D LUT: the shaper's entries become the preluts' points (inputs at its sample
/// positions, outputs its values). Cinespace interpolates preluts with its cubic spline, not linearly, so
/// between points the shaper is reproduced to the spline's accuracy; with 65536 entries (what `lut bake`
/// writes) every resampled point is a knot and the shaper is kept exactly;</item>
/// <item>a 1D LUT on [0, 1]: identity preluts and the table (a 1D LUT over another domain cannot be
/// written: the reader, like OpenColorIO, holds one 1D LUT).</item>
/// </list>
/// The title goes in a METADATA block. Values read back as exactly the same floats.
/// </summary>
public static class CspWriter
{
    public static string Format(LutFile lut)
    {
        var sb = new StringBuilder("CSPLUTV100\n");
        sb.Append(lut.Lut3D is null ? "1D\n\n" : "3D\n\n");
        if (lut.Title is { } title)
        {
            sb.Append("BEGIN METADATA\n").Append(CubeWriter.OneLine(title)).Append("\nEND METADATA\n\n");
        }
        if (lut.Lut3D is not { } cube)
        {
            var only = lut.Lut1D!;
            CubeWriter.RequireForward(only);
            if (only.DomainMin.Any(v => v != 0) || only.DomainMax.Any(v => v != 1))
            {
                throw new NotSupportedException("a 1D .csp holds a LUT over [0, 1] only; this LUT's domain differs");
            }
            AppendIdentityPreluts(sb);
            sb.Append(only.Size).Append('\n');
            var r = only.Channel(0);
            var g = only.Channel(1);
            var b = only.Channel(2);
            for (int i = 0; i < only.Size; i++)
            {
                CubeWriter.AppendRgb(sb, r[i], g[i], b[i]);
            }
            return sb.ToString();
        }

        if (lut.Lut1D is { } shaper)
        {
            CubeWriter.RequireForward(shaper);
            if (!cube.HasUnitDomain)
            {
                throw new NotSupportedException("a .csp with a shaper needs the 3D LUT on [0, 1]");
            }
            AppendShaperPreluts(sb, shaper);
        }
        else if (cube.HasUnitDomain)
        {
            AppendIdentityPreluts(sb);
        }
        else
        {
            for (int c = 0; c < 3; c++)
            {
                sb.Append("2\n").Append(LutText.FormatDouble(cube.DomainMin[c])).Append(' ')
                    .Append(LutText.FormatDouble(cube.DomainMax[c])).Append("\n0 1\n");
            }
        }
        int n = cube.Size;
        sb.Append('\n').Append(n).Append(' ').Append(n).Append(' ').Append(n).Append('\n');
        var t = cube.Table;
        for (int i = 0; i < t.Length; i += 3)
        {
            CubeWriter.AppendRgb(sb, t[i], t[i + 1], t[i + 2]);
        }
        return sb.ToString();
    }

    private static void AppendIdentityPreluts(StringBuilder sb)
    {
        for (int c = 0; c < 3; c++)
        {
            sb.Append("2\n0 1\n0 1\n");
        }
    }

    private static void AppendShaperPreluts(StringBuilder sb, Lut1DOpData shaper)
    {
        int n = shaper.Size;
        for (int c = 0; c < 3; c++)
        {
            double min = shaper.DomainMin[c], max = shaper.DomainMax[c];
            var table = shaper.Channel(c);
            sb.Append(n).Append('\n');
            float from = (float)min, to = (float)max;
            for (int i = 0; i < n; i++)
            {
                // Readers resample the spline at (to - from) * t + from in float: the same positions keep the
                // knots where the resampling lands (exactly so for 65536 entries).
                float x = i == n - 1 ? to : (to - from) * (i / (float)(n - 1)) + from;
                sb.Append(i == 0 ? "" : " ").Append(LutText.FormatFloat(x));
            }
            sb.Append('\n');
            for (int i = 0; i < n; i++)
            {
                sb.Append(i == 0 ? "" : " ").Append(LutText.FormatFloat(table[i]));
            }
            sb.Append('\n');
        }
    }
}
