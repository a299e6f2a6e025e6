using LiveGrade.Color.Formats.Lut.Clf;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Cdl;
using LiveGrade.Color.Ops.Exponent;
using LiveGrade.Color.Ops.Logarithm;
using LiveGrade.Color.Ops.Lut1D;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Ops.Matrix;
using LiveGrade.Color.Ops.Range;

namespace LiveGrade.Color.Tests.Formats.Lut.Clf;

/// <summary>What the CLF reader makes of a file: normalisation by bit depth, lattice order, metadata,
/// defaults, and the writer's output read back op for op.</summary>
public class ClfReaderTests
{
    [Fact]
    public void Matrix_is_normalised_by_its_bit_depths()
    {
        var m = Assert.IsType<MatrixOpData>(Assert.Single(ClfReader.Parse(ClfSamples.Text("matrix_3x3_10i_12i")).ToOps().Ops));
        // Out/4095 = M (in * 1023) / 4095: every entry scaled by 1023/4095.
        Assert.Equal(3.6 * 1023 / 4095, m.Matrix[0, 0], 15);
        Assert.Equal(-0.2 * 1023 / 4095, m.Matrix[2, 0], 15);
        Assert.False(m.HasOffset);
    }

    [Fact]
    public void Lut3D_blue_fastest_lattice_becomes_red_fastest()
    {
        // Entry (r, g, b) holds (r, g, b) * 0.5 + (0.1, 0.2, 0.3): the file lists b fastest.
        var rows = string.Concat(from r in new[] { 0, 1 } from g in new[] { 0, 1 } from b in new[] { 0, 1 }
                                 select $"{r * 0.5 + 0.1} {g * 0.5 + 0.2} {b * 0.5 + 0.3}\n");
        var text = ClfSamples.List($"<LUT3D inBitDepth=\"32f\" outBitDepth=\"32f\">\n<Array dim=\"2 2 2 3\">\n{rows}</Array>\n</LUT3D>\n");
        var lut = Assert.IsType<Lut3DOpData>(Assert.Single(ClfReader.Parse(text).ToOps().Ops));
        Assert.Equal(Lut3DInterpolation.Trilinear, lut.Interpolation);
        for (int r = 0; r < 2; r++)
        {
            for (int g = 0; g < 2; g++)
            {
                for (int b = 0; b < 2; b++)
                {
                    int at = 3 * Lut3DOpData.Index(r, g, b, 2);
                    Assert.Equal([r * 0.5f + 0.1f, g * 0.5f + 0.2f, b * 0.5f + 0.3f], lut.Table.Slice(at, 3).ToArray());
                }
            }
        }
        Assert.Equal(Lut3DInterpolation.Tetrahedral,
            ((Lut3DOpData)ClfReader.Parse(text).ToOps(Lut3DInterpolation.Tetrahedral).Ops[0]).Interpolation);
    }

    [Fact]
    public void Metadata_and_namespaces()
    {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ProcessList compCLFversion="3" id="abc" name="show look" xmlns="http://www.smpte-ra.org/ns/2136-1/2024">
                <Description>first</Description>
                <Description>second</Description>
                <InputDescriptor>ACEScct</InputDescriptor>
                <OutputDescriptor>Rec.1886</OutputDescriptor>
                <Info><Anything>ignored</Anything></Info>
                <Range inBitDepth="32f" outBitDepth="32f" id="r1" name="clip"><Description>a clamp</Description>
                    <minInValue>0</minInValue><minOutValue>0</minOutValue>
                </Range>
            </ProcessList>
            """;
        var list = ClfReader.Parse(text, "look.clf");
        Assert.Equal("abc", list.Id);
        Assert.Equal("show look", list.Name);
        Assert.Equal("3", list.Version);
        Assert.False(list.IsCtf);
        Assert.Equal(["first", "second"], list.Descriptions);
        Assert.Equal("ACEScct", list.InputDescriptor);
        Assert.Equal("Rec.1886", list.OutputDescriptor);
        var node = Assert.Single(list.Nodes);
        Assert.Equal(("Range", "r1", "clip", 8), (node.Element, node.Id, node.Name, node.Line));
        Assert.Equal(["a clamp"], node.Descriptions);
        var range = Assert.IsType<RangeOpData>(Assert.Single(node.Ops));
        Assert.Equal((0.0, (double?)null), (range.MinIn!.Value, range.MaxIn));
        Assert.True(ClfReader.Parse(text.Replace(" xmlns=\"http://www.smpte-ra.org/ns/2136-1/2024\"", ""), "plain.clf").Nodes.Count == 1);
    }

    [Fact]
    public void A_range_before_a_LUT_is_its_domain()
    {
        var text = ClfSamples.List("""
                <Range inBitDepth="32f" outBitDepth="32f">
                    <minInValue>-0.125</minInValue><maxInValue>1.5</maxInValue><minOutValue>0</minOutValue><maxOutValue>1</maxOutValue>
                </Range>
            """ + ClfSamples.Lut3D(5, "32f", "32f", "tetrahedral", 1));
        var lut = ClfReader.Parse(text).ToLutFile();
        Assert.NotNull(lut);
        Assert.Null(lut.Lut1D);
        Assert.Equal([-0.125, -0.125, -0.125], lut.Lut3D!.DomainMin);
        Assert.Equal([1.5, 1.5, 1.5], lut.Lut3D.DomainMax);
        Assert.Equal("sample", lut.Title);
        Assert.Null(ClfReader.Parse(ClfSamples.Text("chain_mixed_depths")).ToLutFile());
    }

    [Fact]
    public void Single_channel_LUT1D_applies_to_all_three()
    {
        var lut = Assert.IsType<Lut1DOpData>(Assert.Single(ClfReader.Parse(ClfSamples.Text("lut1d_1ch_12i_to_32f")).ToOps().Ops));
        Assert.Equal(257, lut.Size);
        Assert.True(lut.ChannelsEqual);
        Assert.Equal(1.1f - 0.02f, lut.Channel(2)[256], 6);
    }

    [Fact]
    public void Written_look_reads_back_op_for_op()
    {
        var look = new OpList()
            .Add(new MatrixOpData(new Math.Matrix3(0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.02, 0.08, 0.9), 0.01, -0.02, 0.03))
            .Add(new CdlOpData([1.1, 0.95, 1.02], [0.01, -0.02, 0], [1.1, 1, 0.9], 0.9, CdlStyle.NoClamp, TransformDirection.Inverse))
            .Add(new RangeOpData(null, 0.95, null, 0.95))
            .Add(new LogOpData(LogStyle.Camera, 10, new LogParams(0.25, 0.41, 5.26, 0.05, 0.01125, 6.62), new LogParams(0.25, 0.41, 5.26, 0.05, 0.01125),
                new LogParams(0.3, 0.4, 5, 0.06, 0.01)))
            .Add(LogOpData.Pure(10, TransformDirection.Inverse))
            .Add(new ExponentOpData(ExponentStyle.BasicPassThru, [2.4, 2.2, 2.6], default, TransformDirection.Inverse))
            .Add(Lut1DOpData.FromHalfDomain(Enumerable.Range(0, 3 * 65536).Select(i => (i % 7) * 0.25f).ToArray()));
        var back = ClfReader.Parse(ClfWriter.Format(look, "round trip")).ToOps().Ops;
        Assert.Equal(look.Count, back.Count);
        Assert.Equal(look.Ops.Select(o => o.ToString()), back.Select(o => o.ToString()));
        Assert.Equal(((Lut1DOpData)look.Ops[6]).InterleavedTable(), ((Lut1DOpData)back[6]).InterleavedTable());
    }
}
