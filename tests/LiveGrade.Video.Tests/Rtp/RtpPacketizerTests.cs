using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

[Collection("rtp sockets")]
public class RtpPacketizerTests
{
    [Fact]
    public void LinePerPacketCuts1080p10BitIntoFourEqualPacketsALine()
    {
        var mode = VideoMode.Hd1080(FrameRate.Fps50);
        var frame = RtpTestFrames.NewFrame(mode);
        RtpTestFrames.FillRandom(frame, 1);
        var p = new RtpPacketizer(RtpVideoFormat.YCbCr422Bit10, 1920, 1080) { Ssrc = 0x12345678, NextSequence = 0x0001FFFE };
        var packets = RtpTestFrames.Packets(p, frame, 0xCAFEBABE);
        // 4800 octets a line, at most 1420 of pixel data after the 8 header octets: 4 packets of 480 pixels (1200 octets).
        Assert.Equal(4320, p.PacketsPerFrame);
        Assert.Equal(4320, packets.Count);
        for (int i = 0; i < packets.Count; i++)
        {
            var pkt = packets[i];
            Assert.True(RtpHeader.TryParse(pkt, out var h));
            Assert.Equal(RtpHeader.Size + 2 + 6 + 1200, pkt.Length);
            Assert.True(pkt.Length - RtpHeader.Size <= RtpPacketizer.DefaultMaxPayloadBytes);
            Assert.Equal(i == packets.Count - 1, h.Marker);
            Assert.Equal(0xCAFEBABEu, h.Timestamp);
            Assert.Equal(0x12345678u, h.Ssrc);
            Assert.Equal(96, h.PayloadType);
            uint seq32 = 0x0001FFFEu + (uint)i;
            Assert.Equal((ushort)seq32, h.Sequence);
            Assert.Equal((ushort)(seq32 >> 16), (ushort)(pkt[12] << 8 | pkt[13]));
            var seg = RtpSegmentHeader.Read(pkt.AsSpan(14));
            Assert.Equal((1200, false, i / 4, false, i % 4 * 480), (seg.Length, seg.Field, seg.Row, seg.Continuation, seg.Offset));
        }
        Assert.Equal(0x0001FFFEu + 4320, p.NextSequence);
    }

    [Theory]
    [InlineData(PixelFormat.V210, 1280, 720)]
    [InlineData(PixelFormat.Uyvy8, 1920, 1080)]
    [InlineData(PixelFormat.Rgb10, 1280, 720)]
    [InlineData(PixelFormat.Bgra8, 1280, 720)]
    public void ContinuousPackingFillsPacketsAndNeverSplitsAPixelGroup(PixelFormat format, int width, int height)
    {
        Assert.True(RtpVideoFormat.TryFor(format, out var rtp));
        var frame = RtpTestFrames.NewFrame(new VideoMode(width, height, FrameRate.Fps25, format));
        RtpTestFrames.FillRandom(frame, 2);
        var p = new RtpPacketizer(rtp, width, height, 1400, RtpPacking.Continuous);
        var packets = RtpTestFrames.Packets(p, frame, 0);
        Assert.Equal(p.PacketsPerFrame, packets.Count);
        int multiSegment = 0;
        long octets = 0;
        foreach (var pkt in packets)
        {
            Assert.True(pkt.Length - RtpHeader.Size <= 1400);
            int at = RtpHeader.Size + 2, segments = 0;
            RtpSegmentHeader seg;
            do
            {
                seg = RtpSegmentHeader.Read(pkt.AsSpan(at));
                at += 6;
                segments++;
                Assert.Equal(0, seg.Length % rtp.PgroupBytes);
                Assert.Equal(0, seg.Offset % rtp.PgroupPixels);
                octets += seg.Length;
            }
            while (seg.Continuation);
            if (segments > 1) multiSegment++;
        }
        Assert.Equal((long)rtp.LineBytes(width) * height, octets);
        Assert.True(multiSegment > 0, "lines that end mid-packet continue in the same packet");
    }

    [Fact]
    public void RefusesWidthsThatAreNotWholePixelGroupsAndTinyPayloads()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacketizer(RtpVideoFormat.RgbBit10, 1922, 1080));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacketizer(RtpVideoFormat.YCbCr422Bit10, 1920, 1080, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacketizer(RtpVideoFormat.YCbCr422Bit10, 40000, 1080));
    }
}
