using LiveGrade.Color.Formats.Cdl;

namespace LiveGrade.Color.Tests.Formats.Cdl;

public class CdlFileWriterTests
{
    /// <summary>
    /// Random corrections over the ranges graders use and beyond (seeded): slope 0..4, offset -1..1, power 0.05..4,
    /// saturation 0..3, with full double precision so that any rounding in the text would show.
    /// </summary>
    public static List<CdlCorrection> RandomCorrections(int count, int seed)
    {
        var rng = new Random(seed);
        double[] Three(double min, double max) => [.. Enumerable.Range(0, 3).Select(_ => min + (max - min) * rng.NextDouble())];
        return [.. Enumerable.Range(0, count).Select(i =>
            new CdlCorrection($"look_{i:D3}", Three(0, 4), Three(-1, 1), Three(0.05, 4), 3 * rng.NextDouble())
            {
                Descriptions = [$"random look {i}"],
                SopDescriptions = [$"seed {seed}"],
            })];
    }

    /// <summary>Values whose shortest text has an exponent or 17 digits, -0, a subnormal and the largest power.</summary>
    public static readonly CdlCorrection Edges = new("edges", [0, 1e-7, 123456.789012345], [-1e-30, 5e-324, -0.0],
        [1e-5, 0.1 + 0.2, 1e6], 1.0 / 3);

    [Theory]
    [InlineData(CdlFileKind.Correction)]
    [InlineData(CdlFileKind.Collection)]
    [InlineData(CdlFileKind.DecisionList)]
    public void Write_then_read_gives_identical_values(CdlFileKind kind)
    {
        var corrections = RandomCorrections(kind == CdlFileKind.Correction ? 1 : 50, seed: 21 + (int)kind);
        corrections.Add(Edges);
        if (kind == CdlFileKind.Correction)
        {
            corrections.RemoveAt(0);
        }
        var written = new CdlFile(kind, corrections)
        {
            Descriptions = kind == CdlFileKind.Correction ? [] : ["looks for \"day 3\" <A & B cams>", "été"],
            InputDescription = kind == CdlFileKind.Correction ? null : "ACEScct",
        };

        string text = CdlFileWriter.Write(written);
        var read = CdlFileReader.Parse(text, "roundtrip");

        Assert.Equal(kind, read.Kind);
        Assert.Equal(written.Descriptions, read.Descriptions);
        Assert.Equal(written.InputDescription, read.InputDescription);
        Assert.Equal(written.Corrections.Count, read.Corrections.Count);
        foreach (var (w, r) in written.Corrections.Zip(read.Corrections))
        {
            Assert.Equal(w.Id, r.Id);
            Assert.Equal(w.Descriptions, r.Descriptions);
            Assert.Equal(w.SopDescriptions, r.SopDescriptions);
            // Bit for bit, so that -0 and the last ulp count too.
            Assert.Equal(Bits(w.Slope), Bits(r.Slope));
            Assert.Equal(Bits(w.Offset), Bits(r.Offset));
            Assert.Equal(Bits(w.Power), Bits(r.Power));
            Assert.Equal(BitConverter.DoubleToInt64Bits(w.Saturation), BitConverter.DoubleToInt64Bits(r.Saturation));
        }
    }

    [Fact]
    public void Writes_ASC_CDL_v1_2_elements_in_order()
    {
        var file = new CdlFile(CdlFileKind.Collection,
            [new CdlCorrection("sh010", [1.1, 1, 0.9], [0.01, 0, -0.02], [1, 1.2, 1], 0.8) { SopDescriptions = ["warm"] }]);

        Assert.Equal("""
            <?xml version="1.0" encoding="utf-8"?>
            <ColorCorrectionCollection xmlns="urn:ASC:CDL:v1.2">
              <ColorCorrection id="sh010">
                <SOPNode>
                  <Description>warm</Description>
                  <Slope>1.1 1 0.9</Slope>
                  <Offset>0.01 0 -0.02</Offset>
                  <Power>1 1.2 1</Power>
                </SOPNode>
                <SatNode>
                  <Saturation>0.8</Saturation>
                </SatNode>
              </ColorCorrection>
            </ColorCorrectionCollection>
            """, CdlFileWriter.Write(file));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.7, "1.7")]
    [InlineData(-0.03, "-0.03")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(-1.2345678901234568e-5, "-0.000012345678901234568")]
    [InlineData(1e-30, "1E-30")]
    [InlineData(1e6, "1000000")]
    public void Numbers_are_shortest_round_trip_text_without_exponent_where_exact(double value, string text)
    {
        Assert.Equal(text, CdlFileWriter.FormatNumber(value));
        Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Refuses_to_write_a_correction_without_id()
    {
        var file = new CdlFile(CdlFileKind.Correction, [CdlCorrection.Identity()]);
        Assert.Throws<ArgumentException>(() => CdlFileWriter.Write(file));
    }

    [Fact]
    public void WriteFile_writes_UTF8_without_BOM()
    {
        string path = Path.Combine(Path.GetTempPath(), $"livegrade-{Guid.NewGuid():N}.cdl");
        try
        {
            CdlFileWriter.WriteFile(path, new CdlFile(CdlFileKind.DecisionList, [CdlCorrection.Identity("a") with
            {
                Descriptions = ["naïve"],
            }]));
            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Equal(["naïve"], CdlFileReader.Read(path).Corrections[0].Descriptions);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static long[] Bits(IReadOnlyList<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
