using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Tests.Formats.Lut.Clf;

/// <summary>
/// Malformed CLF/CTF: wrong XML, wrong counts, bad numbers, out-of-range sizes and values, unsupported or
/// unknown nodes. Each must fail with one <see cref="InputException"/> naming the file and the 1-based
/// line of the problem (the element, or the number itself inside an Array).
/// </summary>
public class MalformedClfTests
{
    // ClfSamples.List puts the XML declaration on line 1, <ProcessList> on 2, a Description on 3: nodes start on 4.
    private static string L(string body) => ClfSamples.List(body);

    private const string Matrix33 = "<Array dim=\"3 3\">\n1 0 0\n0 1 0\n0 0 1\n</Array>\n";

    /// <summary>
    /// (file name, text, expected line, a fragment of the expected reason). Line 0: no line (.NET reports a
    /// prohibited DTD without a position).
    /// </summary>
    public static TheoryData<string, string, int, string> Cases() => new()
    {
        { "unclosed.clf", L("<Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n" + Matrix33), 10, "malformed XML" },
        { "mismatched.clf", L("<Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n" + Matrix33 + "</Range>\n"), 10, "malformed XML" },
        { "not_xml.clf", "LUT_3D_SIZE 2\n0 0 0\n", 1, "malformed XML" },
        { "wrong_root.clf", "<?xml version=\"1.0\"?>\n<ColorCorrection id=\"x\"/>\n", 2, "root element is <ColorCorrection>" },
        { "dtd.clf", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<ProcessList id=\"x\">&a;</ProcessList>\n", 0, "malformed XML" },
        { "empty.clf", L(""), 2, "no process nodes" },
        { "version4.clf", ClfSamples.List("<Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n" + Matrix33 + "</Matrix>\n", version: "compCLFversion=\"4.0\""), 2, "newer than 3" },
        { "no_indepth.clf", L("<Matrix outBitDepth=\"32f\">\n" + Matrix33 + "</Matrix>\n"), 4, "no inBitDepth" },
        { "bad_depth.clf", L("<Matrix inBitDepth=\"9i\" outBitDepth=\"32f\">\n" + Matrix33 + "</Matrix>\n"), 4, "inBitDepth '9i'" },
        { "depth_mismatch.clf", L("<Matrix inBitDepth=\"32f\" outBitDepth=\"10i\">\n" + Matrix33 + "</Matrix>\n" +
            "<Matrix inBitDepth=\"12i\" outBitDepth=\"32f\">\n" + Matrix33 + "</Matrix>\n"), 11, "does not match the previous node's outBitDepth 10i (line 4)" },
        { "lut1d_too_few.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"4 1\">\n0\n0.5\n1\n</Array>\n</LUT1D>\n"), 5, "needs 4 values, found 3" },
        { "lut1d_too_many.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"2 3\">\n0 0 0\n1 1 1\n2\n</Array>\n</LUT1D>\n"), 8, "more values than the 6" },
        { "lut1d_bad_number.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"3 1\">\n0\n0.5x\n1\n</Array>\n</LUT1D>\n"), 7, "bad number '0.5x'" },
        { "lut1d_nan.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"3 1\">\n0\nNaN\n1\n</Array>\n</LUT1D>\n"), 7, "not a finite number" },
        { "lut1d_bad_dim.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"3 2\">\n0 0\n1 1\n2 2\n</Array>\n</LUT1D>\n"), 4, "\"N 1\" or \"N 3\"" },
        { "lut1d_too_big.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"70000 1\">\n0\n</Array>\n</LUT1D>\n"), 5, "not a list of positive sizes" },
        { "lut1d_half_false.clf", L("<LUT1D inBitDepth=\"16f\" outBitDepth=\"32f\" halfDomain=\"false\">\n<Array dim=\"2 1\">\n0\n1\n</Array>\n</LUT1D>\n"), 4, "halfDomain must be \"true\"" },
        { "lut1d_half_short.clf", L("<LUT1D inBitDepth=\"16f\" outBitDepth=\"32f\" halfDomain=\"true\">\n<Array dim=\"1024 1\">\n0\n</Array>\n</LUT1D>\n"), 4, "halfDomain LUT1D has 65536 entries" },
        { "lut1d_raw_half_range.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"16f\" rawHalfs=\"true\">\n<Array dim=\"2 1\">\n0\n70000\n</Array>\n</LUT1D>\n"), 4, "not a 16-bit half-float bit pattern" },
        { "lut1d_indexmap.clf", L("<LUT1D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<IndexMap dim=\"2\">0@0 1@1</IndexMap>\n<Array dim=\"2 1\">\n0\n1\n</Array>\n</LUT1D>\n"), 5, "IndexMap" },
        { "lut3d_unequal.clf", L("<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"2 2 3 3\">\n</Array>\n</LUT3D>\n"), 4, "sizes per axis differ" },
        { "lut3d_too_big.clf", L("<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"130 130 130 3\">\n</Array>\n</LUT3D>\n"), 4, "LUT3D size 130 is out of range" },
        { "lut3d_truncated.clf", L("<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"2 2 2 3\">\n" +
            string.Concat(Enumerable.Repeat("0 0 0\n", 7)) + "</Array>\n</LUT3D>\n"), 5, "needs 24 values, found 21" },
        { "lut3d_no_array.clf", L("<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n</LUT3D>\n"), 4, "no <Array>" },
        { "lut3d_bad_interp.clf", L("<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\" interpolation=\"cubic\">\n<Array dim=\"2 2 2 3\">\n</Array>\n</LUT3D>\n"), 4, "interpolation 'cubic'" },
        { "matrix_dim.clf", L("<Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"3 5\">\n</Array>\n</Matrix>\n"), 4, "\"3 3\" or \"3 4\"" },
        { "matrix_bad_number.clf", L("<Matrix inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"3 3\">\n1 0 0\n0 1 0\n0 0 1e999\n</Array>\n</Matrix>\n"), 8, "not a finite number" },
        { "range_noclamp_partial.clf", L("<Range inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"noClamp\">\n<minInValue>0</minInValue>\n<minOutValue>0</minOutValue>\n</Range>\n"), 4, "noClamp Range needs" },
        { "range_reversed.clf", L("<Range inBitDepth=\"32f\" outBitDepth=\"32f\">\n<minInValue>1</minInValue>\n<maxInValue>0</maxInValue>\n<minOutValue>0</minOutValue>\n<maxOutValue>1</maxOutValue>\n</Range>\n"), 4, "below its minimum input" },
        { "range_empty.clf", L("<Range inBitDepth=\"32f\" outBitDepth=\"32f\">\n</Range>\n"), 4, "needs its minimum or its maximum" },
        { "range_one_sided_mismatch.clf", L("<Range inBitDepth=\"32f\" outBitDepth=\"32f\">\n<minInValue>0.1</minInValue>\n<minOutValue>0.2</minOutValue>\n</Range>\n"), 4, "equal minimum input and output" },
        { "range_bad_number.clf", L("<Range inBitDepth=\"32f\" outBitDepth=\"32f\">\n<minInValue>0</minInValue>\n<maxInValue>one</maxInValue>\n<minOutValue>0</minOutValue>\n<maxOutValue>1</maxOutValue>\n</Range>\n"), 6, "bad number 'one'" },
        { "cdl_style.clf", L("<ASC_CDL inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"Forward\">\n</ASC_CDL>\n"), 4, "ASC_CDL style 'Forward'" },
        { "cdl_two_slopes.clf", L("<ASC_CDL inBitDepth=\"32f\" outBitDepth=\"32f\">\n<SOPNode>\n<Slope>1 1</Slope>\n<Offset>0 0 0</Offset>\n<Power>1 1 1</Power>\n</SOPNode>\n</ASC_CDL>\n"), 6, "<Slope> needs 3 numbers, found 2" },
        { "cdl_negative_slope.clf", L("<ASC_CDL inBitDepth=\"32f\" outBitDepth=\"32f\">\n<SOPNode>\n<Slope>1 -1 1</Slope>\n<Offset>0 0 0</Offset>\n<Power>1 1 1</Power>\n</SOPNode>\n</ASC_CDL>\n"), 4, "slope must be at least 0" },
        { "cdl_missing_power.clf", L("<ASC_CDL inBitDepth=\"32f\" outBitDepth=\"32f\">\n<SOPNode>\n<Slope>1 1 1</Slope>\n<Offset>0 0 0</Offset>\n</SOPNode>\n</ASC_CDL>\n"), 5, "no <Power>" },
        { "log_style.clf", L("<Log inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"ln\"/>\n"), 4, "Log style 'ln'" },
        { "log_no_break.clf", L("<Log inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"cameraLinToLog\">\n<LogParams logSideSlope=\"0.05\" logSideOffset=\"0.55\"/>\n</Log>\n"), 4, "need linSideBreak" },
        { "log_bad_param.clf", L("<Log inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"linToLog\">\n<LogParams logSideSlope=\"x0.05\"/>\n</Log>\n"), 5, "bad number 'x0.05'" },
        { "log_bad_channel.clf", L("<Log inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"linToLog\">\n<LogParams channel=\"A\" logSideSlope=\"0.05\"/>\n</Log>\n"), 5, "channel 'A'" },
        { "exponent_no_offset.clf", L("<Exponent inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"monCurveFwd\">\n<ExponentParams exponent=\"2.4\"/>\n</Exponent>\n"), 5, "needs an offset" },
        { "exponent_range.clf", L("<Exponent inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"basicFwd\">\n<ExponentParams exponent=\"200\"/>\n</Exponent>\n"), 4, "exponent must be 0.01 to 100" },
        { "exponent_style.clf", L("<Exponent inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"gamma\">\n<ExponentParams exponent=\"2\"/>\n</Exponent>\n"), 4, "style 'gamma'" },
        { "unknown_node.clf", L("<FixedFunction inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"RGB_TO_HSV\"/>\n"), 4, "<FixedFunction> is not supported" },
        { "gamma_in_clf.clf", L("<Gamma inBitDepth=\"32f\" outBitDepth=\"32f\" style=\"basicFwd\">\n<GammaParams gamma=\"2\"/>\n</Gamma>\n"), 4, "<Gamma> is not supported" },
        { "inverse3d.ctf", L("<InverseLUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"2 2 2 3\">\n</Array>\n</InverseLUT3D>\n"), 4, "InverseLUT3D is not supported" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_CLF_fails_at_the_right_line(string file, string text, int line, string reason)
    {
        var e = Assert.Throws<InputException>(() => ClfReader.Parse(text, file));
        Assert.Equal(file, e.File);
        Assert.Equal(line == 0 ? null : line, e.Line);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.ToOneLine());
    }

    [Fact]
    public void A_look_is_not_read_as_a_LUT_file()
    {
        var e = Assert.Throws<InputException>(() => LutFormats.Parse(ClfSamples.Text("cdl_Fwd"), "look.clf"));
        Assert.Contains("more than a LUT", e.Reason, StringComparison.Ordinal);
    }
}
