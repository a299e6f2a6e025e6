using System.Text;
using LiveGrade.Engine.Videohub;

namespace LiveGrade.Engine.Tests.Videohub;

public class VideohubBlockReaderTests
{
    private static List<VideohubBlock> Read(params string[] chunks)
    {
        var reader = new VideohubBlockReader();
        var blocks = new List<VideohubBlock>();
        foreach (var c in chunks) reader.Feed(Encoding.UTF8.GetBytes(c), blocks.Add);
        return blocks;
    }

    [Fact]
    public void Blocks_split_anywhere_across_reads_come_out_whole()
    {
        const string text = "\n\nVIDEO OUTPUT ROUTING:\r\n0 1\r\n1 2\r\n\r\nPING:\n\nINPUT LABELS:\n0 Caméra A\n\n";
        for (int cut = 0; cut <= text.Length; cut++)
        {
            var blocks = Read(text[..cut], text[cut..]);
            Assert.Equal(3, blocks.Count);
            Assert.Equal(new VideohubBlock("VIDEO OUTPUT ROUTING:", ["0 1", "1 2"]), blocks[0] with { Lines = [.. blocks[0].Lines] }, BlockComparer.Instance);
            Assert.Equal("PING:", blocks[1].Header);
            Assert.Empty(blocks[1].Lines);
            Assert.Equal(["0 Caméra A"], blocks[2].Lines);
        }
    }

    [Fact]
    public void A_block_is_not_complete_before_its_blank_line()
    {
        var reader = new VideohubBlockReader();
        var blocks = new List<VideohubBlock>();
        reader.Feed("VIDEO OUTPUT ROUTING:\n0 1\n"u8, blocks.Add);
        Assert.Empty(blocks);
        Assert.True(reader.InBlock);
        reader.Feed("\n"u8, blocks.Add);
        Assert.Single(blocks);
        Assert.False(reader.InBlock);
    }

    [Fact]
    public void Limits_turn_a_block_into_a_problem_and_keep_the_framing()
    {
        var longLine = "INPUT LABELS:\n0 " + new string('x', VideohubBlockReader.MaxLineBytes) + "\n\nPING:\n\n";
        var blocks = Read(longLine);
        Assert.Equal(2, blocks.Count);
        Assert.Contains("longer than", blocks[0].Problem);
        Assert.Empty(blocks[0].Lines);
        Assert.Null(blocks[1].Problem);

        var many = "VIDEO OUTPUT ROUTING:\n" + string.Concat(Enumerable.Repeat("0 1\n", VideohubBlockReader.MaxBlockLines + 1)) + "\nPING:\n\n";
        blocks = Read(many);
        Assert.Contains("larger than", blocks[0].Problem);
        Assert.Equal("PING:", blocks[1].Header);

        var exactly = "VIDEO OUTPUT ROUTING:\n" + string.Concat(Enumerable.Repeat("0 1\n", VideohubBlockReader.MaxBlockLines)) + "\n";
        Assert.Null(Read(exactly).Single().Problem);

        blocks = Read("not a header\nmore\n\n");
        Assert.Contains("header", blocks.Single().Problem);
    }

    [Theory]
    [InlineData("VIDEO OUTPUT ROUTING:", true)]
    [InlineData("PING:", true)]
    [InlineData("ACK", true)]
    [InlineData("NAK", true)]
    [InlineData("END PRELUDE:", true)]
    [InlineData("Version: 2.8", false)]
    [InlineData("video output routing:", false)]
    [InlineData(":", false)]
    [InlineData("0 1", false)]
    public void Headers(string line, bool isHeader) => Assert.Equal(isHeader, VideohubBlockReader.IsHeader(line));

    [Theory]
    [InlineData("7 2", 7, "2")]
    [InlineData("0 Camera 1", 0, "Camera 1")]
    [InlineData("12 ", 12, "")]
    [InlineData("3", 3, "")]
    public void Port_lines(string line, int port, string rest)
    {
        Assert.True(VideohubBlock.TrySplitPortLine(line, out int p, out var r));
        Assert.Equal((port, rest), (p, r));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1 2")]
    [InlineData("-1 2")]
    [InlineData("x 2")]
    [InlineData("1234567 0")]
    public void Bad_port_lines(string line) => Assert.False(VideohubBlock.TrySplitPortLine(line, out _, out _));

    private sealed class BlockComparer : IEqualityComparer<VideohubBlock>
    {
        public static readonly BlockComparer Instance = new();
        public bool Equals(VideohubBlock? x, VideohubBlock? y) => x!.Header == y!.Header && x.Lines.SequenceEqual(y.Lines) && x.Problem == y.Problem;
        public int GetHashCode(VideohubBlock b) => b.Header.GetHashCode();
    }
}
