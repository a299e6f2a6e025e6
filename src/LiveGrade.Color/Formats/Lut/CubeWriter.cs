using System.Text;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Writes .cube files that both dialects' readers (and OpenColorIO, which tries each) accept:
/// <list type="bullet">
/// <item>a single 1D or 3D LUT: IRIDAS/Adobe style, <c>TITLE</c>, the size, and <c>DOMAIN_MIN</c>/<c>DOMAIN_MAX</c>
/// when the domain is not [0, 1] (per channel domains are allowed);</item>
/// <item>a shaper and a cube: Resolve style, <c>LUT_1D_SIZE</c>, <c>LUT_1D_INPUT_RANGE</c>, <c>LUT_3D_SIZE</c>,
/// <c>LUT_3D_INPUT_RANGE</c> when not [0, 1], shaper entries, then the cube. Resolve's ranges are one pair
/// for all channels, so per-channel domains cannot be written; OpenColorIO's Resolve reader rejects
/// <c>TITLE</c>, so the title becomes a comment.</item>
/// </list>
/// Values are written so that they read back as exactly the same floats (see <see cref="LutText.FormatFloat"/>).
/// The 3D table is red fastest, as the format requires.
/// </summary>
public static class CubeWriter
{
    public static string Format(LutFile lut)
    {
        var sb = new StringBuilder();
        if (lut.HasShaper)
        {
            var shaper = lut.Lut1D!;
            var cube = lut.Lut3D!;
            if (!shaper.HasUniformDomain || !cube.HasUniformDomain)
            {
                throw new NotSupportedException("a .cube with a shaper has one input range per LUT; this LUT has per-channel domains");
            }
            RequireForward(shaper);
            if (lut.Title is not null)
            {
                sb.Append("# ").Append(OneLine(lut.Title)).Append('\n');
            }
            sb.Append("LUT_1D_SIZE ").Append(shaper.Size).Append('\n');
            sb.Append("LUT_1D_INPUT_RANGE ").Append(LutText.FormatDouble(shaper.DomainMin[0])).Append(' ')
                .Append(LutText.FormatDouble(shaper.DomainMax[0])).Append('\n');
            sb.Append("LUT_3D_SIZE ").Append(cube.Size).Append('\n');
            if (!cube.HasUnitDomain)
            {
                sb.Append("LUT_3D_INPUT_RANGE ").Append(LutText.FormatDouble(cube.DomainMin[0])).Append(' ')
                    .Append(LutText.FormatDouble(cube.DomainMax[0])).Append('\n');
            }
            Append1D(sb, shaper);
            Append3D(sb, cube);
            return sb.ToString();
        }

        if (lut.Title is not null)
        {
            sb.Append("TITLE \"").Append(OneLine(lut.Title).Replace('"', '\'')).Append("\"\n");
        }
        if (lut.Lut3D is { } only3D)
        {
            sb.Append("LUT_3D_SIZE ").Append(only3D.Size).Append('\n');
            AppendDomain(sb, only3D.DomainMin, only3D.DomainMax);
            Append3D(sb, only3D);
        }
        else
        {
            var only1D = lut.Lut1D!;
            RequireForward(only1D);
            sb.Append("LUT_1D_SIZE ").Append(only1D.Size).Append('\n');
            AppendDomain(sb, only1D.DomainMin, only1D.DomainMax);
            Append1D(sb, only1D);
        }
        return sb.ToString();
    }

    internal static void RequireForward(Lut1DOpData lut)
    {
        if (lut.Direction != Ops.TransformDirection.Forward)
        {
            throw new NotSupportedException("this format holds forward 1D LUTs only; resample the inverse first");
        }
        if (lut.HalfDomain)
        {
            throw new NotSupportedException("this format has no half-domain 1D LUT (write .clf)");
        }
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static void AppendDomain(StringBuilder sb, IReadOnlyList<double> min, IReadOnlyList<double> max)
    {
        if (min.All(v => v == 0) && max.All(v => v == 1))
        {
            return;
        }
        sb.Append("DOMAIN_MIN ").Append(LutText.FormatDouble(min[0])).Append(' ').Append(LutText.FormatDouble(min[1]))
            .Append(' ').Append(LutText.FormatDouble(min[2])).Append('\n');
        sb.Append("DOMAIN_MAX ").Append(LutText.FormatDouble(max[0])).Append(' ').Append(LutText.FormatDouble(max[1]))
            .Append(' ').Append(LutText.FormatDouble(max[2])).Append('\n');
    }

    private static void Append1D(StringBuilder sb, Lut1DOpData lut)
    {
        var r = lut.Channel(0);
        var g = lut.Channel(1);
        var b = lut.Channel(2);
        for (int i = 0; i < lut.Size; i++)
        {
            AppendRgb(sb, r[i], g[i], b[i]);
        }
    }

    private static void Append3D(StringBuilder sb, Lut3DOpData lut)
    {
        var t = lut.Table;
        for (int i = 0; i < t.Length; i += 3)
        {
            AppendRgb(sb, t[i], t[i + 1], t[i + 2]);
        }
    }

    internal static void AppendRgb(StringBuilder sb, float r, float g, float b) =>
        sb.Append(LutText.FormatFloat(r)).Append(' ').Append(LutText.FormatFloat(g)).Append(' ')
            .Append(LutText.FormatFloat(b)).Append('\n');
}
