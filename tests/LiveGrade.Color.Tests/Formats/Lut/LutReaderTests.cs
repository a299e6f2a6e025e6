using LiveGrade.Color.Formats.Lut;
using LiveGrade.Color.Ops;
using LiveGrade.Color.Ops.Lut3D;
using LiveGrade.Color.Processing;

namespace LiveGrade.Color.Tests.Formats.Lut;

/// <summary>The dialects and details each reader must accept, beyond what ociobakelut writes.</summary>
public class LutReaderTests
{
    /// <summary>The Resolve sample from OpenColorIO's FileFormatResolveCube.cpp notes: an inverting shaper, then an inverting cube.</summary>
    private const string ResolveSample = """
        # Sample 3D cube file containing 1D shaper LUT and 3D LUT.
        LUT_1D_SIZE 6
        LUT_1D_INPUT_RANGE 0.0 1.0
        LUT_3D_SIZE 3
        LUT_3D_INPUT_RANGE 0.0 1.0
        1.0 1.0 1.0
        0.8 0.8 0.8
        0.6 0.6 0.6
        0.4 0.4 0.4
        0.2 0.2 0.2
        0.0 0.0 0.0
        1.0 1.0 1.0
        0.5 1.0 1.0
        0.0 1.0 1.0
        1.0 0.5 1.0
        0.5 0.5 1.0
        0.0 0.5 1.0
        1.0 0.0 1.0
        0.5 0.0 1.0
        0.0 0.0 1.0
        1.0 1.0 0.5
        0.5 1.0 0.5
        0.0 1.0 0.5
        1.0 0.5 0.5
        0.5 0.5 0.5
        0.0 0.5 0.5
        1.0 0.0 0.5
        0.5 0.0 0.5
        0.0 0.0 0.5
        1.0 1.0 0.0
        0.5 1.0 0.0
        0.0 1.0 0.0
        1.0 0.5 0.0
        0.5 0.5 0.0
        0.0 0.5 0.0
        1.0 0.0 0.0
        0.5 0.0 0.0
        0.0 0.0 0.0
        """;

    [Fact]
    public void Resolve_shaper_and_cube_compose()
    {
        var lut = CubeReader.Parse(ResolveSample, "sample.cube");
        Assert.True(lut.HasShaper);
        Assert.Equal(6, lut.Lut1D!.Size);
        Assert.Equal(3, lut.Lut3D!.Size);
        // Inverted twice: the identity on [0, 1].
        float[] px = [0.1f, 0.5f, 0.9f, 1f, 0.3f, 0.3f, 0.7f, 1f];
        new CpuProcessor(lut.ToOps()).Apply(px);
        Assert.Equal([0.1f, 0.5f, 0.9f, 1f, 0.3f, 0.3f, 0.7f, 1f], px.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Iridas_dialect_with_title_domain_comments_and_windows_line_ends()
    {
        const string text = "# made by hand\r\ntitle \"Show LUT v3\"\r\nDOMAIN_MIN 0 -0.5 0\r\nDOMAIN_MAX 1 1.5 2\r\n\r\nLUT_3D_SIZE 2\r\n" +
            "0 0 0\r\n1 0 0\r\n0 1 0\r\n1 1 0\r\n# a comment in the table\r\n0 0 1\r\n1 0 1\r\n0 1 1\r\n1 1 1";
        var lut = CubeReader.Parse(text, "iridas.cube");
        Assert.Equal("Show LUT v3", lut.Title);
        Assert.Null(lut.Lut1D);
        Assert.Equal([0.0, -0.5, 0.0], lut.Lut3D!.DomainMin);
        Assert.Equal([1.0, 1.5, 2.0], lut.Lut3D.DomainMax);
        float[] px = [0.25f, 0.5f, 1f, 1f];
        lut.Lut3D.CreateCpuRenderer().Apply(px);
        Assert.Equal(0.25f, px[0], 6);
        Assert.Equal(0.5f, px[1], 6);
        Assert.Equal(0.5f, px[2], 6);
    }

    [Fact]
    public void Unquoted_title_unknown_keywords_and_integer_values()
    {
        var lut = CubeReader.Parse("TITLE my look\nLUT_IN_VIDEO_RANGE\nlut_1d_size 2\n0 0 0\n1 1 1\n", "x.cube");
        Assert.Equal("my look", lut.Title);
        Assert.Equal(2, lut.Lut1D!.Size);
        Assert.Null(lut.Lut3D);
    }

    [Theory]
    [InlineData("LUT_3D_INPUT_RANGE -0.25 1.25")]
    [InlineData("LUT_1D_INPUT_RANGE -0.25 1.25")] // the other tool's keyword: still this LUT's range
    [InlineData("DOMAIN_MIN -0.25 -0.25 -0.25\nDOMAIN_MAX 1.25 1.25 1.25")]
    public void A_single_LUT_takes_whichever_range_keyword_is_given(string range)
    {
        var lut = CubeReader.Parse($"LUT_3D_SIZE 2\n{range}\n" + string.Concat(Enumerable.Repeat("0.5 0.5 0.5\n", 8)), "r.cube");
        Assert.Equal([-0.25, -0.25, -0.25], lut.Lut3D!.DomainMin);
        Assert.Equal([1.25, 1.25, 1.25], lut.Lut3D.DomainMax);
    }

    [Fact]
    public void Size_65_cube_reads()
    {
        var cube = Lut3DOpData.FromFunction(65, (r, g, b) => (r * g, g * b, b * r));
        var lut = CubeReader.Parse(CubeWriter.Format(new LutFile(null, cube)), "65.cube");
        Assert.Equal(65, lut.Lut3D!.Size);
        Assert.True(cube.Table.SequenceEqual(lut.Lut3D.Table));
    }

    [Fact]
    public void Spi1d_one_and_two_components()
    {
        var one = Spi1DReader.Parse("Version 1\nFrom -1 3\nLength 3\nComponents 1\n{\n  0\n  0.5\n  1\n}\n", "a.spi1d").Lut1D!;
        Assert.Equal([-1.0, -1.0, -1.0], one.DomainMin);
        Assert.Equal([0f, 0.5f, 1f], one.Channel(2).ToArray());
        var two = Spi1DReader.Parse("Version 1\nLength 2\nComponents 2\n{\n0 1\n1 2\n}\n", "b.spi1d").Lut1D!;
        Assert.Equal([1f, 2f], two.Channel(1).ToArray());
        Assert.Equal([0f, 0f], two.Channel(2).ToArray()); // two components leave blue at 0, as OCIO does
    }

    [Fact]
    public void Spi3d_entries_in_any_order()
    {
        var lines = new List<string>();
        for (int r = 0; r < 2; r++)
        {
            for (int g = 0; g < 2; g++)
            {
                for (int b = 0; b < 2; b++)
                {
                    lines.Add($"{r} {g} {b} {r * 0.5} {g * 0.25} {b}");
                }
            }
        }
        lines.Reverse();
        var lut = Spi3DReader.Parse("SPILUT 1.0\n3 3\n2 2 2\n" + string.Join("\n", lines), "s.spi3d").Lut3D!;
        var t = lut.Table;
        int at = 3 * Lut3DOpData.Index(1, 1, 0, 2);
        Assert.Equal((0.5f, 0.25f, 0f), (t[at], t[at + 1], t[at + 2]));
    }

    private static string Lattice3Dl(int size, int maxCode, Func<int, int, int, (int, int, int)>? f = null)
    {
        var sb = new System.Text.StringBuilder();
        for (int r = 0; r < size; r++)
        {
            for (int g = 0; g < size; g++)
            {
                for (int b = 0; b < size; b++)
                {
                    var (x, y, z) = f?.Invoke(r, g, b) ?? (r * maxCode / (size - 1), g * maxCode / (size - 1), b * maxCode / (size - 1));
                    sb.Append($"{x} {y} {z}\n");
                }
            }
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(1023, 10)]
    [InlineData(4095, 12)]
    [InlineData(65535, 16)]
    [InlineData(1500, 10)] // up to twice the 10-bit maximum still reads as 10-bit (OCIO's rule)
    [InlineData(20000, 16)] // 14-bit range counts as 16-bit
    public void Flame_3dl_output_depth_is_inferred_from_the_largest_value(int maxCode, int bits)
    {
        var lut = Autodesk3DlReader.Parse("0 256 512 767 1023\n" + Lattice3Dl(5, maxCode), "f.3dl").Lut3D!;
        Assert.Equal(maxCode / (double)((1 << bits) - 1), lut.Table[^1], 6);
        Assert.Null(Autodesk3DlReader.Parse("0 256 512 767 1023\n" + Lattice3Dl(5, maxCode), "f.3dl").Lut1D);
    }

    [Fact]
    public void Lustre_header_sets_the_output_depth_and_trailing_keywords_are_skipped()
    {
        // Outputs only up to 1500 but declared 12-bit: the header wins over the guess (10-bit).
        var text = "3DMESH\nMesh 2 12\n0 256 512 767 1023\n" + Lattice3Dl(5, 1500) + "\nLUT8\ngamma 1.0\n";
        var lut = Autodesk3DlReader.Parse(text, "l.3dl").Lut3D!;
        Assert.Equal(1500 / 4095.0, lut.Table[^1], 6);
    }

    [Fact]
    public void Non_uniform_3dl_mesh_places_the_lattice_at_those_input_codes()
    {
        // Lattice points at input codes 0, 100, 300, 600, 1023; identity outputs (12-bit, per point).
        int[] mesh = [0, 100, 300, 600, 1023];
        var text = string.Join(' ', mesh) + "\n" + Lattice3Dl(5, 4095, (r, g, b) => (mesh[r] * 4, mesh[g] * 4, mesh[b] * 4));
        var lut = Autodesk3DlReader.Parse(text, "m.3dl");
        Assert.NotNull(lut.Lut1D);
        Assert.Equal(TransformDirection.Inverse, lut.Lut1D!.Direction);
        // Input code 100 sits on lattice point 1, whose output is code 400 of 4095; 450 is halfway from 300 to 600.
        float[] px = [100 / 1023f, 450 / 1023f, 1f, 1f];
        new CpuProcessor(lut.ToOps()).Apply(px);
        Assert.Equal(400 / 4095f, px[0], 5);
        Assert.Equal(1800 / 4095f, px[1], 5);
        Assert.Equal(4092 / 4095f, px[2], 5);
    }

    [Fact]
    public void Csp_identity_preluts_give_no_shaper_and_the_metadata_gives_the_title()
    {
        var text = "CSPLUTV100\n3D\n\nBEGIN METADATA\nShow LUT\nmore\nEND METADATA\n\n2\n0 1\n0 1\n0\n1\n\n2 2 2\n" +
            "0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n";
        var lut = CspReader.Parse(text, "i.csp");
        Assert.Equal("Show LUT", lut.Title);
        Assert.Null(lut.Lut1D);
        Assert.Equal(2, lut.Lut3D!.Size);
    }

    [Fact]
    public void Csp_prelut_is_resampled_spline_over_its_input_range()
    {
        // A two-point prelut is linear: 0..4 -> 0..1, resampled at 65536 points over [0, 4].
        var text = "CSPLUTV100\n3D\n2\n0 4\n0 1\n2\n0 4\n0 1\n2\n0 4\n0 1\n2 2 2\n" +
            "0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n1 1 1\n";
        var lut = CspReader.Parse(text, "p.csp");
        Assert.Equal(CspReader.PrelutSamples, lut.Lut1D!.Size);
        Assert.Equal([4.0, 4.0, 4.0], lut.Lut1D.DomainMax);
        float[] px = [1f, 2f, 5f, 1f];
        new CpuProcessor(lut.ToOps()).Apply(px);
        Assert.Equal(0.25f, px[0], 5);
        Assert.Equal(0.5f, px[1], 5);
        Assert.Equal(1f, px[2], 5);
    }

    [Fact]
    public void LutFormats_picks_the_reader_by_extension_case_insensitively()
    {
        Assert.Equal(LutFormat.Autodesk3Dl, LutFormats.FromExtension("A.3DL"));
        Assert.Equal(LutFormat.Cube, LutFormats.FromExtension("/x/y.Cube"));
        Assert.Null(LutFormats.FromExtension("look.cdl"));
        Assert.NotNull(LutFormats.Parse("LUT_1D_SIZE 2\n0 0 0\n1 1 1\n", "X.CUBE").Lut1D);
    }
}
