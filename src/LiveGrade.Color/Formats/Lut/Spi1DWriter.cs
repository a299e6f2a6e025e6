using System.Text;

namespace LiveGrade.Color.Formats.Lut;

/// <summary>
/// Writes .spi1d (Version 1): <c>From</c> is the domain (one for all channels, so per-channel domains
/// cannot be written), one component when all channels hold the same table, three otherwise. A 3D LUT
/// or shaper cannot be written to this format. Values read back as exactly the same floats.
/// </summary>
public static class Spi1DWriter
{
    public static string Format(LutFile lut)
    {
        if (lut.Lut3D is not null || lut.Lut1D is null)
        {
            throw new NotSupportedException(".spi1d holds a single 1D LUT");
        }
        var l = lut.Lut1D;
        CubeWriter.RequireForward(l);
        if (!l.HasUniformDomain)
        {
            throw new NotSupportedException(".spi1d has one input range (From) for all channels; this LUT has per-channel domains");
        }
        bool one = l.ChannelsEqual;
        var sb = new StringBuilder();
        sb.Append("Version 1\n");
        sb.Append("From ").Append(LutText.FormatDouble(l.DomainMin[0])).Append(' ').Append(LutText.FormatDouble(l.DomainMax[0])).Append('\n');
        sb.Append("Length ").Append(l.Size).Append('\n');
        sb.Append("Components ").Append(one ? 1 : 3).Append('\n');
        sb.Append("{\n");
        var r = l.Channel(0);
        var g = l.Channel(1);
        var b = l.Channel(2);
        for (int i = 0; i < l.Size; i++)
        {
            sb.Append("    ");
            if (one)
            {
                sb.Append(LutText.FormatFloat(r[i])).Append('\n');
            }
            else
            {
                CubeWriter.AppendRgb(sb, r[i], g[i], b[i]);
            }
        }
        sb.Append("}\n");
        return sb.ToString();
    }
}
