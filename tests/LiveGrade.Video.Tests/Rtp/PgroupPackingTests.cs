using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

[Collection("rtp sockets")]
public class PgroupPackingTests
{
    public static TheoryData<PixelFormat> Formats => new() { PixelFormat.V210, PixelFormat.Uyvy8, PixelFormat.Rgb10, PixelFormat.Bgra8 };

    [Fact]
    public void PixelGroupsAreTheRfc4175Sizes()
    {
        // RFC 4175 §4.3/§4.4 and ST 2110-20 §6.2.2 tables.
        Assert.Equal((5, 2), (RtpVideoFormat.YCbCr422Bit10.PgroupBytes, RtpVideoFormat.YCbCr422Bit10.PgroupPixels));
        Assert.Equal((4, 2), (RtpVideoFormat.YCbCr422Bit8.PgroupBytes, RtpVideoFormat.YCbCr422Bit8.PgroupPixels));
        Assert.Equal((15, 4), (RtpVideoFormat.RgbBit10.PgroupBytes, RtpVideoFormat.RgbBit10.PgroupPixels));
        Assert.Equal((3, 1), (RtpVideoFormat.RgbBit8.PgroupBytes, RtpVideoFormat.RgbBit8.PgroupPixels));
        Assert.Equal(4800, RtpVideoFormat.YCbCr422Bit10.LineBytes(1920));
    }

    [Fact]
    public void TenBitGroupIsCbY0CrY1MostSignificantBitFirst()
    {
        // One pgroup by hand: Cb=0x3FF, Y0=0x000, Cr=0x155, Y1=0x2AA ->
        // 1111111111 0000000000 0101010101 1010101010 = FF C0 05 56 AA
        var frame = RtpTestFrames.NewFrame(new VideoMode(6, 1, FrameRate.Fps25, PixelFormat.V210));
        frame.Data.Clear();
        var pg = new byte[] { 0xFF, 0xC0, 0x05, 0x56, 0xAA };
        PgroupPacking.Unpack(RtpVideoFormat.YCbCr422Bit10, PixelFormat.V210, pg, frame.Row(0), 0, 2);
        Assert.Equal(new[] { 0x3FF, 0x000, 0x155, 0x2AA }, RtpTestFrames.Samples(frame, 0)[..4]);
        // v210 word 0 holds Cb (bits 0-9), Y0 (10-19), Cr (20-29); word 1 starts with Y1.
        Assert.Equal(0x3FFu | 0x155u << 20, BitConverter.ToUInt32(frame.Data[..4]));
        Assert.Equal(0x2AAu, BitConverter.ToUInt32(frame.Data.Slice(4, 4)) & 0x3FF);
        var back = new byte[5];
        PgroupPacking.Pack(RtpVideoFormat.YCbCr422Bit10, PixelFormat.V210, frame.Row(0), 0, 2, back);
        Assert.Equal(pg, back);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryRunMatchesTheBitStreamReference(PixelFormat format)
    {
        // Widths that end inside a v210 block (1280, 1286) and every start/length combination a pixel
        // group allows near the block edges, plus random long runs.
        Assert.True(RtpVideoFormat.TryFor(format, out var rtp));
        int pp = rtp.PgroupPixels, spp = RtpTestFrames.SamplesPerPixel(format), depth = RtpTestFrames.Depth(format);
        foreach (int width in new[] { 1280, 1288, 48 })
        {
            var frame = RtpTestFrames.NewFrame(new VideoMode(width, 1, FrameRate.Fps25, format));
            RtpTestFrames.FillRandom(frame, width);
            int[] all = RtpTestFrames.Samples(frame, 0);
            var rng = new Random(width);
            var runs = new List<(int X, int N)>();
            for (int x = 0; x <= 24 && x < width; x += pp)
            {
                for (int n = pp; n <= 24 && x + n <= width; n += pp) runs.Add((x, n));
            }
            for (int i = 0; i < 200; i++)
            {
                int x = rng.Next(width / pp) * pp;
                int n = (1 + rng.Next((width - x) / pp)) * pp;
                runs.Add((x, n));
            }
            runs.Add((0, width));
            foreach (var (x, n) in runs)
            {
                byte[] expected = RtpTestFrames.ToPgroupStream(all.AsSpan(x * spp, n * spp), depth);
                Assert.Equal(n / pp * rtp.PgroupBytes, expected.Length);
                var packed = new byte[expected.Length];
                PgroupPacking.Pack(rtp, format, frame.Row(0), x, n, packed);
                Assert.True(expected.AsSpan().SequenceEqual(packed), $"{format} width {width}: pack x={x} n={n}");

                // Unpack into a frame of other random pixels: the run changes, nothing else does.
                var target = RtpTestFrames.NewFrame(frame.Mode);
                RtpTestFrames.FillRandom(target, x * 7919 + n);
                int[] before = RtpTestFrames.Samples(target, 0);
                PgroupPacking.Unpack(rtp, format, packed, target.Row(0), x, n);
                int[] after = RtpTestFrames.Samples(target, 0);
                for (int k = 0; k < after.Length; k++)
                {
                    int want = k >= x * spp && k < (x + n) * spp ? all[k] : before[k];
                    if (after[k] != want)
                    {
                        Assert.Fail($"{format} width {width}: unpack x={x} n={n}: sample {k} is {after[k]}, expected {want}");
                    }
                }
            }
        }
    }

    [Fact]
    public void BlackIsTheVideoBlackOfEachLayout()
    {
        var v210 = RtpTestFrames.NewFrame(new VideoMode(12, 1, FrameRate.Fps25, PixelFormat.V210));
        PgroupPacking.FillBlack(PixelFormat.V210, v210.Row(0), 12, SignalRange.Narrow);
        Assert.All(RtpTestFrames.Samples(v210, 0).Select((v, k) => (v, k)), s => Assert.Equal(s.k % 2 == 0 ? 512 : 64, s.v));
        var uyvy = RtpTestFrames.NewFrame(new VideoMode(4, 1, FrameRate.Fps25, PixelFormat.Uyvy8));
        PgroupPacking.FillBlack(PixelFormat.Uyvy8, uyvy.Row(0), 4, SignalRange.Narrow);
        Assert.Equal(new[] { 128, 16, 128, 16, 128, 16, 128, 16 }, RtpTestFrames.Samples(uyvy, 0));
        var r210 = RtpTestFrames.NewFrame(new VideoMode(4, 1, FrameRate.Fps25, PixelFormat.Rgb10));
        PgroupPacking.FillBlack(PixelFormat.Rgb10, r210.Row(0), 4, SignalRange.Narrow);
        Assert.All(RtpTestFrames.Samples(r210, 0), v => Assert.Equal(64, v));
        PgroupPacking.FillBlack(PixelFormat.Rgb10, r210.Row(0), 4, SignalRange.Full);
        Assert.All(RtpTestFrames.Samples(r210, 0), v => Assert.Equal(0, v));
    }

    [Fact]
    public void RunsThatAreNotWholeGroupsOrOutsideTheRowAreRefused()
    {
        var frame = RtpTestFrames.NewFrame(new VideoMode(48, 1, FrameRate.Fps25, PixelFormat.V210));
        var buf = new byte[200];
        Assert.Throws<ArgumentOutOfRangeException>(() => PgroupPacking.Unpack(RtpVideoFormat.YCbCr422Bit10, PixelFormat.V210, buf, frame.Row(0), 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PgroupPacking.Unpack(RtpVideoFormat.YCbCr422Bit10, PixelFormat.V210, buf, frame.Row(0), 46, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => PgroupPacking.Unpack(RtpVideoFormat.YCbCr422Bit10, PixelFormat.V210, buf.AsSpan(0, 4), frame.Row(0), 0, 2));
        Assert.Throws<ArgumentException>(() => PgroupPacking.Unpack(RtpVideoFormat.YCbCr422Bit8, PixelFormat.V210, buf, frame.Row(0), 0, 2));
    }
}
