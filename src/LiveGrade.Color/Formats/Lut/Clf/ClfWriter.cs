using System.Security.Cryptography;
using System.Text;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Exponent;
using LiveGrade.Color.Ops.Logarithm;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Ops.Range;
using LiveGrade.Color.Ops.Transfer;

namespace LiveGrade.Color.Formats.Lut.Clf;

/// <summary>
/// Writes CLF v3 (<c>compCLFversion="3"</c>, namespace <c>urn:AMPAS:CLF:v3.0</c>) from a LiveGrade look or
/// LUT. Every node is 32f in and out, so values are written as they are held. Node by node:
/// <list type="bullet">
/// <item>Matrix: 3x3, or 3x4 with its offsets.</item>
/// <item>ASC CDL: ASC_CDL, style Fwd/Rev (ASC clamping) or FwdNoClamp/RevNoClamp.</item>
/// <item>Range, Log, Exponent: as read (an inverse Range is written as its forward form).</item>
/// <item>1D and 3D LUTs: LUT1D (dim "N 1" when the channels agree) and LUT3D (blue fastest, its
/// interpolation named). CLF LUTs take 0..1; a LUT over another domain is preceded by a Range onto [0, 1]
/// (one domain for all channels) or a diagonal 3x4 Matrix (per-channel domains). Both clamp or are
/// clamped by the LUT as LiveGrade's domain does. Half-domain LUTs are written as halfDomain LUT1Ds.</item>
/// <item>Camera log curves (LogC3, S-Log3, Log3G10, V-Log, ACEScct): Log cameraLinToLog/cameraLogToLin with
/// their parameters (linearSlope written out); gamma displays: Exponent basicRev/basicFwd; sRGB: Exponent
/// monCurveRev/monCurveFwd (2.4, 0.055). Other per-channel curves (PQ, HLG, Canon Log, ACEScc, LogC4) have no
/// CLF node: they are written as a halfDomain LUT1D sampling the curve at every half-float value (exact at
/// those values, linear between; non-finite results stored as 0 for NaN and ±1e30 for overflow).</item>
/// </list>
/// Ops with no CLF form (the HLG OOTF, OpenColorIO-backed ops, inverse 1D LUTs) throw
/// <see cref="NotSupportedException"/>; bake such a look into a LUT instead. Numbers read back as the same
/// floats (LUT entries) and doubles (parameters). The id is a name-based UUID of the content, so the same
/// look always gives the same file.
/// </summary>
public static class ClfWriter
{
    public const string Namespace = "urn:AMPAS:CLF:v3.0";

    /// <summary>A LUT file as CLF: its shaper (if any) and its cube, each with its domain step.</summary>
    public static string Format(LutFile lut) => Format(lut.ToOps(), lut.Title);

    /// <summary>A look's ops, in order, as one ProcessList.</summary>
    public static string Format(OpList ops, string? name = null, IEnumerable<string>? descriptions = null)
    {
        var body = new StringBuilder();
        foreach (var op in ops.Ops)
        {
            AppendOp(body, op);
        }
        if (body.Length == 0)
        {
            // An empty look is the identity: CLF needs at least one node, and a 3x3 identity is exact.
            AppendMatrix(body, Math.Matrix3.Identity, [0, 0, 0]);
        }
        var head = new StringBuilder();
        foreach (var d in descriptions ?? [])
        {
            head.Append("    <Description>").Append(Escape(d)).Append("</Description>\n");
        }
        string id = "urn:uuid:" + NameBasedUuid(head + "\n" + body);
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append("<ProcessList compCLFversion=\"3\" id=\"").Append(id).Append('"');
        if (!string.IsNullOrWhiteSpace(name))
        {
            sb.Append(" name=\"").Append(Escape(CubeWriter.OneLine(name))).Append('"');
        }
        sb.Append(" xmlns=\"").Append(Namespace).Append("\">\n");
        sb.Append(head).Append(body).Append("</ProcessList>\n");
        return sb.ToString();
    }

    private static void AppendOp(StringBuilder sb, ColorOpData op)
    {
        switch (op)
        {
            case MatrixOpData m:
                AppendMatrix(sb, m.Matrix, m.Offset);
                break;
            case CdlOpData cdl:
                AppendCdl(sb, cdl);
                break;
            case RangeOpData range:
                AppendRange(sb, range.AsForward());
                break;
            case LogOpData log:
                AppendLog(sb, log);
                break;
            case ExponentOpData exp:
                AppendExponent(sb, exp);
                break;
            case Lut1DOpData l1:
                AppendLut1D(sb, l1);
                break;
            case Lut3DOpData l3:
                AppendDomain(sb, l3.DomainMin, l3.DomainMax);
                AppendLut3D(sb, l3);
                break;
            case TransferOpData t:
                AppendTransfer(sb, t);
                break;
            default:
                throw new NotSupportedException($"'{op}' has no CLF form; bake the look into a LUT instead (`livegrade lut bake`)");
        }
    }

    private static StringBuilder Open(StringBuilder sb, string element, string? attributes = null) =>
        sb.Append("    <").Append(element).Append(" inBitDepth=\"32f\" outBitDepth=\"32f\"").Append(attributes).Append(">\n");

    private static StringBuilder Close(StringBuilder sb, string element) => sb.Append("    </").Append(element).Append(">\n");

    private static void AppendMatrix(StringBuilder sb, Math.Matrix3 m, IReadOnlyList<double> offset)
    {
        bool hasOffset = offset.Any(o => o != 0);
        Open(sb, "Matrix").Append("        <Array dim=\"3 ").Append(hasOffset ? 4 : 3).Append("\">\n");
        var v = m.Values;
        for (int r = 0; r < 3; r++)
        {
            sb.Append("            ").Append(LutText.FormatDouble(v[r * 3])).Append(' ').Append(LutText.FormatDouble(v[r * 3 + 1]))
                .Append(' ').Append(LutText.FormatDouble(v[r * 3 + 2]));
            if (hasOffset)
            {
                sb.Append(' ').Append(LutText.FormatDouble(offset[r]));
            }
            sb.Append('\n');
        }
        sb.Append("        </Array>\n");
        Close(sb, "Matrix");
    }

    private static void AppendCdl(StringBuilder sb, CdlOpData cdl)
    {
        bool forward = cdl.Direction == TransformDirection.Forward;
        string style = (cdl.Style, forward) switch
        {
            (CdlStyle.AscV12, true) => "Fwd",
            (CdlStyle.AscV12, false) => "Rev",
            (_, true) => "FwdNoClamp",
            _ => "RevNoClamp",
        };
        string Triple(IReadOnlyList<double> t) => string.Join(' ', t.Select(LutText.FormatDouble));
        Open(sb, "ASC_CDL", $" style=\"{style}\"");
        sb.Append("        <SOPNode>\n");
        sb.Append("            <Slope>").Append(Triple(cdl.Slope)).Append("</Slope>\n");
        sb.Append("            <Offset>").Append(Triple(cdl.Offset)).Append("</Offset>\n");
        sb.Append("            <Power>").Append(Triple(cdl.Power)).Append("</Power>\n");
        sb.Append("        </SOPNode>\n");
        sb.Append("        <SatNode>\n            <Saturation>").Append(LutText.FormatDouble(cdl.Saturation)).Append("</Saturation>\n        </SatNode>\n");
        Close(sb, "ASC_CDL");
    }

    private static void AppendRange(StringBuilder sb, RangeOpData r)
    {
        Open(sb, "Range");
        void Bound(string name, double? v)
        {
            if (v is { } d)
            {
                sb.Append("        <").Append(name).Append('>').Append(LutText.FormatDouble(d)).Append("</").Append(name).Append(">\n");
            }
        }
        Bound("minInValue", r.MinIn);
        Bound("maxInValue", r.MaxIn);
        Bound("minOutValue", r.MinOut);
        Bound("maxOutValue", r.MaxOut);
        Close(sb, "Range");
    }

    private static void AppendLog(StringBuilder sb, LogOpData log)
    {
        bool forward = log.Direction == TransformDirection.Forward;
        string style = log.Style switch
        {
            LogStyle.Log when log.Base == 10 => forward ? "log10" : "antiLog10",
            LogStyle.Log when log.Base == 2 => forward ? "log2" : "antiLog2",
            // A pure log of another base is the affine form with identity parameters.
            LogStyle.Log or LogStyle.Affine => forward ? "linToLog" : "logToLin",
            _ => forward ? "cameraLinToLog" : "cameraLogToLin",
        };
        Open(sb, "Log", $" style=\"{style}\"");
        if (style is not ("log10" or "antiLog10" or "log2" or "antiLog2"))
        {
            if (log.SameForAllChannels)
            {
                AppendLogParams(sb, log.Red, log.Base, null);
            }
            else
            {
                for (int c = 0; c < 3; c++)
                {
                    AppendLogParams(sb, log.Channel(c), log.Base, "RGB"[c]);
                }
            }
        }
        Close(sb, "Log");
    }

    private static void AppendLogParams(StringBuilder sb, LogParams p, double logBase, char? channel)
    {
        sb.Append("        <LogParams");
        if (channel is { } ch)
        {
            sb.Append(" channel=\"").Append(ch).Append('"');
        }
        sb.Append(" base=\"").Append(LutText.FormatDouble(logBase)).Append('"')
            .Append(" logSideSlope=\"").Append(LutText.FormatDouble(p.LogSideSlope)).Append('"')
            .Append(" logSideOffset=\"").Append(LutText.FormatDouble(p.LogSideOffset)).Append('"')
            .Append(" linSideSlope=\"").Append(LutText.FormatDouble(p.LinSideSlope)).Append('"')
            .Append(" linSideOffset=\"").Append(LutText.FormatDouble(p.LinSideOffset)).Append('"');
        if (p.LinSideBreak is { } lb)
        {
            sb.Append(" linSideBreak=\"").Append(LutText.FormatDouble(lb)).Append('"');
        }
        if (p.LinearSlope is { } ls)
        {
            sb.Append(" linearSlope=\"").Append(LutText.FormatDouble(ls)).Append('"');
        }
        sb.Append(" />\n");
    }

    private static void AppendExponent(StringBuilder sb, ExponentOpData e)
    {
        string dir = e.Direction == TransformDirection.Forward ? "Fwd" : "Rev";
        string style = e.Style switch
        {
            ExponentStyle.Basic => "basic",
            ExponentStyle.BasicMirror => "basicMirror",
            ExponentStyle.BasicPassThru => "basicPassThru",
            ExponentStyle.MonCurve => "monCurve",
            _ => "monCurveMirror",
        } + dir;
        bool monCurve = e.Style is ExponentStyle.MonCurve or ExponentStyle.MonCurveMirror;
        Open(sb, "Exponent", $" style=\"{style}\"");
        bool same = e.Exponent.Distinct().Count() == 1 && e.Offset.Distinct().Count() == 1;
        for (int c = 0; c < (same ? 1 : 3); c++)
        {
            sb.Append("        <ExponentParams");
            if (!same)
            {
                sb.Append(" channel=\"").Append("RGB"[c]).Append('"');
            }
            sb.Append(" exponent=\"").Append(LutText.FormatDouble(e.Exponent[c])).Append('"');
            if (monCurve)
            {
                sb.Append(" offset=\"").Append(LutText.FormatDouble(e.Offset[c])).Append('"');
            }
            sb.Append(" />\n");
        }
        Close(sb, "Exponent");
    }

    private static void AppendTransfer(StringBuilder sb, TransferOpData t)
    {
        bool encode = t.Direction == TransformDirection.Forward;
        switch (t.Curve)
        {
            case LogCameraCurve camera:
            {
                var p = camera.Parameters;
                var parameters = new LogParams(p.LogSlope, p.LogOffset, p.LinSlope, p.LinOffset, p.LinBreak, camera.LinearSlope);
                AppendLog(sb, new LogOpData(LogStyle.Camera, p.Base, parameters, parameters, parameters,
                    encode ? TransformDirection.Forward : TransformDirection.Inverse));
                return;
            }
            case GammaCurve gamma:
                // Encoding is x^(1/gamma) with negatives to 0: CLF's basicRev of the display gamma.
                AppendExponent(sb, new ExponentOpData(ExponentStyle.Basic, [gamma.Gamma, gamma.Gamma, gamma.Gamma], default,
                    encode ? TransformDirection.Inverse : TransformDirection.Forward));
                return;
            case SrgbCurve:
                AppendExponent(sb, new ExponentOpData(ExponentStyle.MonCurve, [2.4, 2.4, 2.4], [0.055, 0.055, 0.055],
                    encode ? TransformDirection.Inverse : TransformDirection.Forward));
                return;
            default:
                AppendLut1D(sb, SampleOnHalfs(t));
                return;
        }
    }

    /// <summary>A per-channel curve sampled at all 65536 half-float values, as a half-domain 1D LUT.</summary>
    internal static Lut1DOpData SampleOnHalfs(TransferOpData t)
    {
        Func<double, double> f = t.Direction == TransformDirection.Forward ? t.Curve.Encode : t.Curve.Decode;
        var rgb = new float[3 * Lut1DOpData.MaxSize];
        for (int bits = 0; bits < Lut1DOpData.MaxSize; bits++)
        {
            double y = f((double)BitConverter.UInt16BitsToHalf((ushort)bits));
            float v = double.IsNaN(y) ? 0f : (float)System.Math.Clamp(y, -Lut1DOpData.MaxMagnitude, Lut1DOpData.MaxMagnitude);
            rgb[3 * bits] = rgb[3 * bits + 1] = rgb[3 * bits + 2] = v;
        }
        return Lut1DOpData.FromHalfDomain(rgb);
    }

    private static void AppendDomain(StringBuilder sb, IReadOnlyList<double> min, IReadOnlyList<double> max)
    {
        if (min.All(v => v == 0) && max.All(v => v == 1))
        {
            return;
        }
        if (min.Distinct().Count() == 1 && max.Distinct().Count() == 1)
        {
            AppendRange(sb, new RangeOpData(min[0], max[0], 0, 1));
            return;
        }
        // Per-channel domains: x * s + o with s = 1 / (max - min), o = -min s, in double.
        var s = new double[3];
        var o = new double[3];
        for (int c = 0; c < 3; c++)
        {
            s[c] = 1 / (max[c] - min[c]);
            o[c] = -min[c] * s[c];
        }
        AppendMatrix(sb, Math.Matrix3.Diagonal(s[0], s[1], s[2]), o);
    }

    private static void AppendLut1D(StringBuilder sb, Lut1DOpData lut)
    {
        if (lut.Direction != TransformDirection.Forward)
        {
            throw new NotSupportedException("CLF has no inverse 1D LUT node; resample the inverse into a forward LUT first");
        }
        if (!lut.HalfDomain)
        {
            AppendDomain(sb, lut.DomainMin, lut.DomainMax);
        }
        int channels = lut.ChannelsEqual ? 1 : 3;
        Open(sb, "LUT1D", lut.HalfDomain ? " halfDomain=\"true\"" : " interpolation=\"linear\"");
        sb.Append("        <Array dim=\"").Append(lut.Size).Append(' ').Append(channels).Append("\">\n");
        var r = lut.Channel(0);
        var g = lut.Channel(1);
        var b = lut.Channel(2);
        for (int i = 0; i < lut.Size; i++)
        {
            if (channels == 1)
            {
                sb.Append(LutText.FormatFloat(r[i])).Append('\n');
            }
            else
            {
                CubeWriter.AppendRgb(sb, r[i], g[i], b[i]);
            }
        }
        sb.Append("        </Array>\n");
        Close(sb, "LUT1D");
    }

    private static void AppendLut3D(StringBuilder sb, Lut3DOpData lut)
    {
        int n = lut.Size;
        var t = lut.Table;
        Open(sb, "LUT3D", lut.Interpolation == Lut3DInterpolation.Tetrahedral ? " interpolation=\"tetrahedral\"" : " interpolation=\"trilinear\"");
        sb.Append("        <Array dim=\"").Append(n).Append(' ').Append(n).Append(' ').Append(n).Append(" 3\">\n");
        // Blue fastest in CLF; the table is red fastest.
        for (int r = 0; r < n; r++)
        {
            for (int g = 0; g < n; g++)
            {
                for (int b = 0; b < n; b++)
                {
                    int at = 3 * Lut3DOpData.Index(r, g, b, n);
                    CubeWriter.AppendRgb(sb, t[at], t[at + 1], t[at + 2]);
                }
            }
        }
        sb.Append("        </Array>\n");
        Close(sb, "LUT3D");
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    // RFC 4122 name-based (version 5 layout) from SHA-1 of the content: stable ids for identical looks.
    private static Guid NameBasedUuid(string content)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(content));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
