using LiveGrade.Color.Formats.Cdl;
using LiveGrade.Core.Diagnostics;

namespace LiveGrade.Color.Tests.Formats.Cdl;

public class CdlFileReaderTests
{
    [Fact]
    public void Reads_a_cc_with_namespace_declaration_and_comments()
    {
        var file = CdlFileReader.Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- graded on set, camera A -->
            <ColorCorrection id="A001C003" xmlns="urn:ASC:CDL:v1.2">
              <Description>day exterior</Description>
              <InputDescription>ARRI LogC3</InputDescription>
              <ViewingDescription>Rec.709 100 nits</ViewingDescription>
              <SOPNode>
                <Description>warm</Description>
                <!-- the next line is the slope -->
                <Slope>1.1 0.95 1.0</Slope>
                <Offset>-0.01 0.002 0</Offset>
                <Power>0.9 1 1.05</Power>
              </SOPNode>
              <SatNode>
                <Saturation> 0.85 </Saturation>
              </SatNode>
            </ColorCorrection>
            """, "a.cc");

        Assert.Equal(CdlFileKind.Correction, file.Kind);
        var c = Assert.Single(file.Corrections);
        Assert.Equal("A001C003", c.Id);
        Assert.Equal([1.1, 0.95, 1.0], c.Slope);
        Assert.Equal([-0.01, 0.002, 0], c.Offset);
        Assert.Equal([0.9, 1, 1.05], c.Power);
        Assert.Equal(0.85, c.Saturation);
        Assert.Equal(["day exterior"], c.Descriptions);
        Assert.Equal("ARRI LogC3", c.InputDescription);
        Assert.Equal("Rec.709 100 nits", c.ViewingDescription);
        Assert.Equal(["warm"], c.SopDescriptions);
        Assert.Empty(c.SatDescriptions);
        Assert.Empty(file.Descriptions);
    }

    [Fact]
    public void Reads_a_ccc_without_namespace_with_commas_SATNode_and_missing_nodes()
    {
        var file = CdlFileReader.Parse("""
            <ColorCorrectionCollection>
              <Description>  show LUT looks  </Description>
              <ColorCorrection id="sop_only">
                <SOPNode>
                  <Slope>1.2,1.1,1.0</Slope>
                  <Offset>0.01, 0.02, 0.03</Offset>
                  <Power>
                    1e0	1.5E-1
                    2
                  </Power>
                </SOPNode>
              </ColorCorrection>
              <ColorCorrection id="sat_only">
                <SATNode><Saturation>1.25</Saturation></SATNode>
              </ColorCorrection>
              <Unknown>ignored, as OpenColorIO does</Unknown>
              <ColorCorrection id="empty"/>
            </ColorCorrectionCollection>
            """, null);

        Assert.Equal(CdlFileKind.Collection, file.Kind);
        Assert.Equal(["show LUT looks"], file.Descriptions);
        Assert.Equal(["sop_only", "sat_only", "empty"], file.Corrections.Select(c => c.Id));
        var sop = file.Corrections[0];
        Assert.Equal([1.2, 1.1, 1.0], sop.Slope);
        Assert.Equal([0.01, 0.02, 0.03], sop.Offset);
        Assert.Equal([1, 0.15, 2], sop.Power);
        Assert.Equal(1, sop.Saturation);
        var sat = file.Corrections[1];
        Assert.Equal([1, 1, 1], sat.Slope);
        Assert.Equal([0, 0, 0], sat.Offset);
        Assert.Equal([1, 1, 1], sat.Power);
        Assert.Equal(1.25, sat.Saturation);
        Assert.True(file.Corrections[2].SameValues(CdlCorrection.Identity()));
    }

    [Fact]
    public void Reads_a_cdl_in_v1_01_namespace_with_a_ColorCorrectionRef()
    {
        var file = CdlFileReader.Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ColorDecisionList xmlns="urn:ASC:CDL:v1.01">
              <InputDescription>ACEScct</InputDescription>
              <ColorDecision>
                <MediaRef ref="A001C003.mov"/>
                <ColorCorrection id="look1">
                  <SOPNode><Slope>2 2 2</Slope><Offset>0 0 0</Offset><Power>1 1 1</Power></SOPNode>
                  <SatNode><Saturation>0</Saturation></SatNode>
                </ColorCorrection>
              </ColorDecision>
              <ColorDecision>
                <MediaRef ref="A001C004.mov"/>
                <ColorCorrectionRef ref="look1"/>
              </ColorDecision>
            </ColorDecisionList>
            """);

        Assert.Equal(CdlFileKind.DecisionList, file.Kind);
        Assert.Equal("ACEScct", file.InputDescription);
        var c = Assert.Single(file.Corrections);
        Assert.Equal([2, 2, 2], c.Slope);
        Assert.Equal(0, c.Saturation);
    }

    [Fact]
    public void Reads_values_exactly_as_written_in_OpenColorIO_cdl_test1()
    {
        var file = CdlFileReader.Read(DataFiles.Path("cdl_test1.ccc"));

        Assert.Equal(5, file.Corrections.Count);
        Assert.Equal(["cc0001", "cc0002", "cc0003", null, null], file.Corrections.Select(c => c.Id));
        var first = file.Corrections[0];
        Assert.Equal([1.0, 1.0, 0.9], first.Slope);
        Assert.Equal([-0.03, -0.02, 0], first.Offset);
        Assert.Equal([1.25, 1, 1], first.Power);
        Assert.Equal(1.7, first.Saturation);
        Assert.Equal(["CC-level description 1a", "CC-level description 1b"], first.Descriptions);
        Assert.Equal(["Example look", "For scenes 1 and 2"], first.SopDescriptions);
        Assert.Equal(["boosting sat"], first.SatDescriptions);
        Assert.Equal(["This is a color correction collection example.", "It includes all possible description uses."],
            file.Descriptions);
        Assert.Equal("These should be applied in ACESproxy color space.", file.InputDescription);
        Assert.Equal([4, 5, 6], file.Corrections[3].Slope);
        Assert.Equal(1, file.Corrections[3].Saturation);
        Assert.Equal([1, 1, 1], file.Corrections[4].Slope);
        Assert.Equal(0, file.Corrections[4].Saturation);
    }

    [Fact]
    public void Find_selects_by_id_then_by_index_as_OpenColorIO_does()
    {
        var file = CdlFileReader.Parse("""
            <ColorCorrectionCollection>
              <ColorCorrection id="a"><SatNode><Saturation>0.1</Saturation></SatNode></ColorCorrection>
              <ColorCorrection id="0"><SatNode><Saturation>0.2</Saturation></SatNode></ColorCorrection>
              <ColorCorrection><SatNode><Saturation>0.3</Saturation></SatNode></ColorCorrection>
            </ColorCorrectionCollection>
            """, "looks.ccc");

        Assert.Equal(0.1, file.Find(null).Saturation);
        Assert.Equal(0.1, file.Find("").Saturation);
        Assert.Equal(0.1, file.Find("a").Saturation);
        Assert.Equal(0.2, file.Find("0").Saturation); // an id that looks like an index wins over the index
        Assert.Equal(0.3, file.Find("2").Saturation);

        var unknown = Assert.Throws<InputException>(() => file.Find("b"));
        Assert.Equal("looks.ccc", unknown.File);
        Assert.Null(unknown.Line);
        Assert.Contains("'a', '0'", unknown.Reason);
        var outside = Assert.Throws<InputException>(() => file.Find("3"));
        Assert.Contains("0..2", outside.Reason);
    }

    public static TheoryData<string, string, int, string> Malformed() => new()
    {
        {
            "truncated XML",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 0",
            4, "malformed XML"
        },
        {
            "two numbers in Slope",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>1 1 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            3, "Slope needs 3 numbers, found 2"
        },
        {
            "four numbers in Power",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>1 1 1 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            5, "Power needs 3 numbers, found 4"
        },
        {
            "bad number",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 1.0x 0</Offset>\n    <Power>1 1 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            4, "'1.0x' is not a number"
        },
        {
            "decimal comma",
            "<ColorCorrection id=\"a\">\n  <SatNode>\n    <Saturation>1,5</Saturation>\n  </SatNode>\n</ColorCorrection>",
            3, "Saturation needs 1 number, found 2"
        },
        {
            "NaN",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>1 NaN 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            5, "'NaN' is not a finite number"
        },
        {
            "infinity",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>Infinity 1 1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>1 1 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            3, "'Infinity' is not a finite number"
        },
        {
            "overflow to infinity",
            "<ColorCorrection id=\"a\">\n  <SatNode>\n\n    <Saturation>1e999</Saturation>\n  </SatNode>\n</ColorCorrection>",
            4, "'1e999' is not a finite number"
        },
        {
            "negative power",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>1 -0.5 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            5, "power must be greater than 0"
        },
        {
            "zero power",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>0 1 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            5, "power must be greater than 0"
        },
        {
            "negative slope",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 -1</Slope>\n    <Offset>0 0 0</Offset>\n    <Power>1 1 1</Power>\n  </SOPNode>\n</ColorCorrection>",
            3, "slope must be at least 0"
        },
        {
            "negative saturation",
            "<ColorCorrection id=\"a\">\n  <SatNode>\n    <Saturation>-0.1</Saturation>\n  </SatNode>\n</ColorCorrection>",
            3, "saturation must be at least 0"
        },
        {
            "SOPNode without Power",
            "<ColorCorrection id=\"a\">\n  <SOPNode>\n    <Slope>1 1 1</Slope>\n    <Offset>0 0 0</Offset>\n  </SOPNode>\n</ColorCorrection>",
            2, "SOPNode has no Power"
        },
        {
            "two SatNodes",
            "<ColorCorrection id=\"a\">\n  <SatNode><Saturation>1</Saturation></SatNode>\n  <SATNode><Saturation>1</Saturation></SATNode>\n</ColorCorrection>",
            3, "ColorCorrection has more than one SATNode"
        },
        {
            "ASC_SOP instead of SOPNode",
            "<ColorCorrection id=\"a\">\n  <ASC_SOP>\n    <Slope>2 2 2</Slope>\n  </ASC_SOP>\n</ColorCorrection>",
            2, "<ASC_SOP> is not an ASC CDL element"
        },
        {
            "empty collection",
            "<?xml version=\"1.0\"?>\n<ColorCorrectionCollection xmlns=\"urn:ASC:CDL:v1.2\">\n  <Description>nothing here</Description>\n</ColorCorrectionCollection>",
            2, "ColorCorrectionCollection holds no ColorCorrection"
        },
        {
            "decision list without corrections",
            "<ColorDecisionList>\n  <ColorDecision/>\n</ColorDecisionList>",
            1, "ColorDecisionList holds no ColorCorrection"
        },
        {
            "wrong root element",
            "<?xml version=\"1.0\"?>\n\n<ProcessList id=\"x\">\n  <ASC_CDL/>\n</ProcessList>",
            3, "root element is <ProcessList>"
        },
        {
            "duplicate id",
            "<ColorCorrectionCollection>\n  <ColorCorrection id=\"x\"/>\n  <ColorCorrection id=\"y\"/>\n  <ColorCorrection id=\"x\"/>\n</ColorCorrectionCollection>",
            4, "id 'x' is used twice (first at line 2)"
        },
        {
            "reference to a correction in another file",
            "<ColorDecisionList>\n  <ColorDecision>\n    <ColorCorrection id=\"a\"/>\n  </ColorDecision>\n  <ColorDecision>\n    <ColorCorrectionRef ref=\"b\"/>\n  </ColorDecision>\n</ColorDecisionList>",
            6, "ColorCorrectionRef 'b' names no ColorCorrection in this file"
        },
        {
            // No entity expansion, ever. .NET gives no position for this one error, so there is no line.
            "DTD refused",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE ColorCorrection [<!ENTITY a \"1 1 1\">]>\n<ColorCorrection id=\"a\"/>",
            0, "DTD is prohibited"
        },
        {
            "not XML at all",
            "slope 1 1 1",
            1, "malformed XML"
        },
        {
            "empty text",
            "",
            0, "Root element is missing"
        },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_an_InputException_at_the_offending_line(string what, string text, int line, string reason)
    {
        var e = Assert.Throws<InputException>(() => CdlFileReader.Parse(text, "bad.ccc"));
        Assert.Equal("bad.ccc", e.File);
        Assert.True(line == 0 ? e.Line is null : e.Line == line, $"{what}: expected line {line}, got {e.Line}: {e.Reason}");
        Assert.Contains(reason, e.Reason);
        Assert.StartsWith($"error: bad.ccc:{(line == 0 ? "" : line + ":")}", e.ToOneLine());
    }

    [Fact]
    public void A_file_that_is_not_there_is_an_InputException_naming_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"livegrade-missing-{Guid.NewGuid():N}.cc");
        var e = Assert.Throws<InputException>(() => CdlFileReader.Read(path));
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Errors_in_a_file_carry_its_path_and_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"livegrade-bad-{Guid.NewGuid():N}.cc");
        File.WriteAllText(path, "<ColorCorrection id=\"a\">\n  <SatNode>\n    <Saturation>x</Saturation>\n  </SatNode>\n</ColorCorrection>\n");
        try
        {
            var e = Assert.Throws<InputException>(() => CdlFileReader.Read(path));
            Assert.Equal(path, e.File);
            Assert.Equal(3, e.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
