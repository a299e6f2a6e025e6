using System.Globalization;
using System.Text;

namespace LiveGrade.Color.Tests.Formats.Lut.Clf;

/// <summary>
/// CLF and CTF texts written the way OpenColorIO's own test files are (namespaces, bit depths, per-channel
/// parameters, legacy dims), one per op kind and style, for the reader tests and the comparisons with OCIO.
/// </summary>
public static class ClfSamples
{
    public static string List(string body, string ns = "urn:AMPAS:CLF:v3.0", string version = "compCLFversion=\"3.0\"") =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ProcessList {version} id=\"test\" name=\"sample\" xmlns=\"{ns}\">\n" +
        "    <Description>LiveGrade test sample</Description>\n" + body + "</ProcessList>\n";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>(name, file extension, text) of every sample.</summary>
    public static IEnumerable<(string Name, string Extension, string Text)> All()
    {
        yield return ("matrix_3x3_10i_12i", ".clf", List("""
                <Matrix inBitDepth="10i" outBitDepth="12i">
                    <Array dim="3 3">
            3.6 -0.4 0.1
            0.3 3.2 0.5
            -0.2 0.1 4.0
                    </Array>
                </Matrix>
            """));
        yield return ("matrix_3x4_offsets", ".clf", List("""
                <Matrix inBitDepth="32f" outBitDepth="32f">
                    <Array dim="3 4">
            0.9 0.05 0.05 0.01
            0.1 0.8 0.1 -0.02
            0.02 0.08 0.9 0.03
                    </Array>
                </Matrix>
            """));
        yield return ("matrix_legacy_3_4_3", ".clf", List("""
                <Matrix inBitDepth="32f" outBitDepth="16i">
                    <Array dim="3 4 3">
            60000 2000 1000 100
            1000 61000 1000 -200
            0 5000 58000 300
                    </Array>
                </Matrix>
            """, version: "compCLFversion=\"2.0\""));
        yield return ("range_clamp_10i_12i", ".clf", List("""
                <Range inBitDepth="10i" outBitDepth="12i">
                    <minInValue>64</minInValue>
                    <maxInValue>940</maxInValue>
                    <minOutValue>0</minOutValue>
                    <maxOutValue>4095</maxOutValue>
                </Range>
            """));
        yield return ("range_noclamp", ".clf", List("""
                <Range inBitDepth="32f" outBitDepth="32f" style="noClamp">
                    <minInValue>0.0625</minInValue>
                    <maxInValue>0.918</maxInValue>
                    <minOutValue>-0.05</minOutValue>
                    <maxOutValue>1.1</maxOutValue>
                </Range>
            """));
        yield return ("range_min_only", ".clf", List("""
                <Range inBitDepth="32f" outBitDepth="32f">
                    <minInValue>0.1</minInValue>
                    <minOutValue>0.1</minOutValue>
                </Range>
            """));
        yield return ("range_max_only_8i", ".clf", List("""
                <Range inBitDepth="8i" outBitDepth="8i" style="Clamp">
                    <maxInValue>200</maxInValue>
                    <maxOutValue>200</maxOutValue>
                </Range>
            """));
        yield return ("log_pure_styles", ".clf", List("""
                <Log inBitDepth="32f" outBitDepth="32f" style="antiLog2" />
                <Log inBitDepth="32f" outBitDepth="32f" style="log10" />
                <Log inBitDepth="32f" outBitDepth="32f" style="antiLog10" />
                <Log inBitDepth="32f" outBitDepth="32f" style="log2" />
            """));
        yield return ("log_lin_to_log_cineon", ".clf", List("""
                <Log inBitDepth="16f" outBitDepth="10i" style="linToLog">
                    <LogParams logSideSlope="0.29325513196" logSideOffset="0.66959921799"
                               linSideSlope="0.98920224838" linSideOffset="0.01079775162" base="10" />
                </Log>
            """));
        yield return ("log_log_to_lin_cineon", ".clf", List("""
                <Log inBitDepth="10i" outBitDepth="32f" style="logToLin">
                    <LogParams logSideSlope="0.29325513196" logSideOffset="0.66959921799"
                               linSideSlope="0.98920224838" linSideOffset="0.01079775162" base="10" />
                </Log>
            """));
        yield return ("log_camera_acescct", ".clf", List("""
                <Log inBitDepth="32f" outBitDepth="16f" style="cameraLinToLog">
                    <LogParams logSideSlope="0.05707762557" logSideOffset="0.5547945205" linSideBreak="0.0078125" />
                </Log>
            """));
        yield return ("log_camera_slog3_decode", ".clf", List("""
                <Log inBitDepth="16f" outBitDepth="32f" style="cameraLogToLin">
                    <LogParams logSideSlope="0.25562072336" logSideOffset="0.41055718475" linSideBreak="0.01125"
                               linSideSlope="5.26315789474" linSideOffset="0.05263157895" linearSlope="6.62194371178" base="10" />
                </Log>
            """));
        yield return ("log_per_channel_base8", ".clf", List("""
                <Log inBitDepth="32f" outBitDepth="32f" style="linToLog">
                    <LogParams channel="R" logSideSlope='0.3' logSideOffset='0.6' linSideSlope='0.9' linSideOffset='0.05' base="8"/>
                    <LogParams channel="G" linSideSlope='5' linSideOffset='0.05' logSideSlope='0.25' logSideOffset='0.4' base="8"/>
                    <LogParams channel="B" linSideSlope='2' linSideOffset='0.1' logSideSlope='0.28' logSideOffset='0.5' base="8"/>
                </Log>
            """));
        foreach (var style in new[] { "basicFwd", "basicRev", "basicMirrorFwd", "basicMirrorRev", "basicPassThruFwd", "basicPassThruRev" })
        {
            yield return ("exponent_" + style, ".clf", List($"""
                    <Exponent inBitDepth="32f" outBitDepth="32f" style="{style}">
                        <ExponentParams channel="R" exponent="2.4" />
                        <ExponentParams channel="G" exponent="2.2" />
                        <ExponentParams channel="B" exponent="0.45" />
                    </Exponent>
                """));
        }
        foreach (var style in new[] { "monCurveFwd", "monCurveRev", "monCurveMirrorFwd", "monCurveMirrorRev" })
        {
            yield return ("exponent_" + style, ".clf", List($"""
                    <Exponent inBitDepth="32f" outBitDepth="32f" style="{style}">
                        <ExponentParams channel="R" exponent="2.4" offset="0.055" />
                        <ExponentParams channel="G" exponent="2.2222222222222222" offset="0.099" />
                    </Exponent>
                """));
        }
        foreach (var style in new[] { "Fwd", "Rev", "FwdNoClamp", "RevNoClamp" })
        {
            yield return ("cdl_" + style, ".clf", List($"""
                    <ASC_CDL inBitDepth="32f" outBitDepth="32f" style="{style}">
                        <SOPNode>
                            <Slope>1.2 0.9 1.1</Slope>
                            <Offset>0.01 -0.02 0.03</Offset>
                            <Power>0.8 1.2 1.1</Power>
                        </SOPNode>
                        <SatNode>
                            <Saturation>1.3</Saturation>
                        </SatNode>
                    </ASC_CDL>
                """));
        }
        yield return ("lut1d_3ch_10i", ".clf", List(Lut1D(1024, 3, "10i", "10i", (c, x) => 1023 * System.Math.Pow(x, 0.45 + 0.1 * c))));
        yield return ("lut1d_1ch_12i_to_32f", ".clf", List(Lut1D(257, 1, "12i", "32f", (_, x) => x * x * 1.1 - 0.02)));
        yield return ("lut1d_raw_halfs", ".clf", List(Lut1D(64, 3, "16f", "16f", (c, x) => BitConverter.HalfToUInt16Bits((Half)(x * (2.0 + c))), rawHalfs: true)));
        yield return ("lut1d_half_domain", ".clf", List(HalfDomain(rawHalfs: false)));
        yield return ("lut1d_half_domain_raw", ".clf", List(HalfDomain(rawHalfs: true)));
        yield return ("lut3d_tetrahedral_10i_12i", ".clf", List(Lut3D(17, "10i", "12i", "tetrahedral", 4095)));
        yield return ("lut3d_default_interpolation", ".clf", List(Lut3D(9, "32f", "32f", null, 1)));
        yield return ("chain_mixed_depths", ".clf", List("""
                <Matrix inBitDepth="32f" outBitDepth="32f">
                    <Array dim="3 3">
            0.8 0.15 0.05
            0.05 0.9 0.05
            0.02 0.08 0.9
                    </Array>
                </Matrix>
                <Log inBitDepth="32f" outBitDepth="10i" style="cameraLinToLog">
                    <LogParams logSideSlope="0.05707762557" logSideOffset="0.5547945205" linSideBreak="0.0078125" />
                </Log>
                <ASC_CDL inBitDepth="10i" outBitDepth="10i" style="FwdNoClamp">
                    <SOPNode><Slope>1.1 1.0 0.95</Slope><Offset>0.02 0 -0.01</Offset><Power>1.05 1 0.95</Power></SOPNode>
                    <SatNode><Saturation>1.2</Saturation></SatNode>
                </ASC_CDL>
                <Range inBitDepth="10i" outBitDepth="32f">
                    <minInValue>0</minInValue>
                    <maxInValue>1023</maxInValue>
                    <minOutValue>0</minOutValue>
                    <maxOutValue>1</maxOutValue>
                </Range>
            """ + Lut3D(17, "32f", "32f", "tetrahedral", 1) + """
                <Exponent inBitDepth="32f" outBitDepth="32f" style="basicRev">
                    <ExponentParams exponent="2.4" />
                </Exponent>
            """));
        yield return ("ctf_inverse_lut1d_and_gamma", ".ctf", List(
            Lut1D(1024, 3, "32f", "32f", (c, x) => System.Math.Pow(x, 1 / (2.2 + 0.1 * c)), element: "InverseLUT1D") + """
                <Gamma inBitDepth="32f" outBitDepth="32f" style="monCurveFwd">
                    <GammaParams gamma="2.4" offset="0.055" />
                </Gamma>
            """, ns: "", version: "version=\"2.0\""));
    }

    public static string Text(string name) => All().First(s => s.Name == name).Text;

    /// <summary>A LUT1D (or CTF InverseLUT1D) node sampling f(channel, x in 0..1), values in the out depth's units.</summary>
    public static string Lut1D(int size, int channels, string inDepth, string outDepth, Func<int, double, double> f,
        bool rawHalfs = false, string element = "LUT1D")
    {
        var sb = new StringBuilder();
        sb.Append($"    <{element} inBitDepth=\"{inDepth}\" outBitDepth=\"{outDepth}\"{(rawHalfs ? " rawHalfs=\"true\"" : "")}>\n");
        sb.Append($"        <Array dim=\"{size} {channels}\">\n");
        for (int i = 0; i < size; i++)
        {
            double x = i / (double)(size - 1);
            for (int c = 0; c < channels; c++)
            {
                double v = f(c, x);
                sb.Append(rawHalfs ? ((int)v).ToString(CultureInfo.InvariantCulture) : F((float)v)).Append(c == channels - 1 ? "\n" : " ");
            }
        }
        sb.Append("        </Array>\n").Append($"    </{element}>\n");
        return sb.ToString();
    }

    /// <summary>
    /// A half-domain LUT1D: a signed 0.45 power of the half value, scaled per channel (NaN codes get 0).
    /// With rawHalfs the outputs are half bit patterns.
    /// </summary>
    public static string HalfDomain(bool rawHalfs)
    {
        var sb = new StringBuilder();
        sb.Append($"    <LUT1D inBitDepth=\"16f\" outBitDepth=\"{(rawHalfs ? "16f" : "32f")}\" halfDomain=\"true\"{(rawHalfs ? " rawHalfs=\"true\"" : "")}>\n");
        sb.Append("        <Array dim=\"65536 3\">\n");
        for (int bits = 0; bits < 65536; bits++)
        {
            double h = (double)BitConverter.UInt16BitsToHalf((ushort)bits);
            for (int c = 0; c < 3; c++)
            {
                double v = double.IsFinite(h) ? System.Math.Sign(h) * System.Math.Pow(System.Math.Abs(h), 0.45) * (1 + 0.1 * c) : 0;
                sb.Append(rawHalfs ? BitConverter.HalfToUInt16Bits((Half)v).ToString(CultureInfo.InvariantCulture) : F((float)v))
                    .Append(c == 2 ? "\n" : " ");
            }
        }
        sb.Append("        </Array>\n    </LUT1D>\n");
        return sb.ToString();
    }

    /// <summary>A LUT3D of edge n, blue fastest, a graded look with crosstalk; values times <paramref name="outScale"/>.</summary>
    public static string Lut3D(int n, string inDepth, string outDepth, string? interpolation, double outScale)
    {
        var sb = new StringBuilder();
        sb.Append($"    <LUT3D inBitDepth=\"{inDepth}\" outBitDepth=\"{outDepth}\"{(interpolation is null ? "" : $" interpolation=\"{interpolation}\"")}>\n");
        sb.Append($"        <Array dim=\"{n} {n} {n} 3\">\n");
        for (int r = 0; r < n; r++)
        {
            for (int g = 0; g < n; g++)
            {
                for (int b = 0; b < n; b++)
                {
                    double x = r / (n - 1.0), y = g / (n - 1.0), z = b / (n - 1.0);
                    double l = 0.2126 * x + 0.7152 * y + 0.0722 * z;
                    double S(double v) => System.Math.Pow(System.Math.Max(l + 1.3 * (v - l), 0), 0.8);
                    sb.Append(F((float)(outScale * (S(x) + 0.03 * z)))).Append(' ')
                        .Append(F((float)(outScale * S(y)))).Append(' ')
                        .Append(F((float)(outScale * (S(z) - 0.02 * x)))).Append('\n');
                }
            }
        }
        sb.Append("        </Array>\n    </LUT3D>\n");
        return sb.ToString();
    }
}
