using System.Buffers.Binary;
using System.Diagnostics;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>The assembler fed packets directly: every order, loss and garbage case is exact and repeatable.</summary>
[Collection("rtp sockets")]
public class RtpFrameAssemblerTests
{
    private static readonly VideoMode Hd50 = VideoMode.Hd1080(FrameRate.Fps50);

    /// <summary>An assembler, its output queue and counters, and a fake clock advancing 1 µs a packet.</summary>
    private sealed class Rig : IDisposable
    {
        public readonly RtpStreamDescription Stream;
        public readonly FrameCounters Frames = new();
        public readonly RtpReceiverCounters Counters = new();
        public readonly FrameQueue Output;
        public readonly RtpFrameAssembler Assembler;
        public readonly List<VideoFrame> Received = new();
        public long Now = 1_000_000;

        public Rig(VideoMode mode, RtpAssemblerOptions? options = null)
        {
            Stream = RtpTestFrames.Stream(mode);
            Output = new FrameQueue(64, Frames);
            Assembler = new RtpFrameAssembler(Stream, Output, Frames, Counters, options ?? new RtpAssemblerOptions { PoolFrames = 40 });
        }

        public void Feed(IEnumerable<byte[]> packets)
        {
            foreach (var p in packets)
            {
                Now += Stopwatch.Frequency / 1_000_000;
                Assembler.OnPacket(p, Now);
                Drain();
            }
        }

        public void Idle(TimeSpan after)
        {
            Now += (long)(after.TotalSeconds * Stopwatch.Frequency);
            Assembler.OnIdle(Now);
            Drain();
        }

        public void Drain()
        {
            while (Output.TryTake() is { } f) Received.Add(f);
        }

        public RtpReceiverCountersSnapshot Snapshot => Counters.Snapshot();

        public void Dispose()
        {
            foreach (var f in Received) f.Release();
            Assembler.Dispose();
            Output.Dispose();
        }
    }

    /// <summary>Distinct random source frames and their packets (one timestamp each, 1800 apart as at 50 fps).</summary>
    private static (List<VideoFrame> Frames, List<List<byte[]>> Packets) Source(VideoMode mode, int count, RtpPacking packing = RtpPacking.LinePerPacket,
        uint sequence = 1000, uint ssrc = 7, uint timestamp = 90_000, int maxPayload = RtpPacketizer.DefaultMaxPayloadBytes)
    {
        Assert.True(RtpVideoFormat.TryFor(mode.Format, out var rtp));
        var p = new RtpPacketizer(rtp, mode.Width, mode.Height, maxPayload, packing) { Ssrc = ssrc, NextSequence = sequence };
        var frames = new List<VideoFrame>();
        var packets = new List<List<byte[]>>();
        var pool = new FramePool(mode, count);
        for (int i = 0; i < count; i++)
        {
            var f = pool.TryRent()!;
            RtpTestFrames.FillRandom(f, 100 + i);
            frames.Add(f);
            packets.Add(RtpTestFrames.Packets(p, f, timestamp + (uint)(i * 1800)));
        }
        return (frames, packets);
    }

    private static void AssertSame(VideoFrame expected, VideoFrame actual, string what)
    {
        var rows = RtpTestFrames.DifferentRows(expected, actual);
        Assert.True(rows.Count == 0, $"{what}: {rows.Count} rows differ, first {(rows.Count > 0 ? rows[0] : -1)}");
    }

    public static TheoryData<PixelFormat, int, int, RtpPacking> RoundTrips => new()
    {
        { PixelFormat.V210, 1920, 1080, RtpPacking.LinePerPacket },
        { PixelFormat.V210, 1920, 1080, RtpPacking.Continuous },
        { PixelFormat.V210, 1280, 720, RtpPacking.LinePerPacket },
        { PixelFormat.V210, 1280, 720, RtpPacking.Continuous },
        { PixelFormat.V210, 3840, 2160, RtpPacking.LinePerPacket },
        { PixelFormat.Uyvy8, 1920, 1080, RtpPacking.LinePerPacket },
        { PixelFormat.Uyvy8, 1280, 720, RtpPacking.Continuous },
        { PixelFormat.Rgb10, 1920, 1080, RtpPacking.LinePerPacket },
        { PixelFormat.Rgb10, 1280, 720, RtpPacking.Continuous },
        { PixelFormat.Bgra8, 1280, 720, RtpPacking.LinePerPacket },
        { PixelFormat.Bgra8, 1920, 1080, RtpPacking.Continuous },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void FramesArriveBitExact(PixelFormat format, int width, int height, RtpPacking packing)
    {
        var mode = new VideoMode(width, height, FrameRate.Fps50, format);
        var (frames, packets) = Source(mode, 2, packing);
        using var rig = new Rig(mode);
        rig.Feed(packets.SelectMany(p => p));
        Assert.Equal(2, rig.Received.Count);
        for (int i = 0; i < 2; i++)
        {
            AssertSame(frames[i], rig.Received[i], $"frame {i}");
            Assert.Equal(FrameFlags.None, rig.Received[i].Flags);
        }
        var c = rig.Snapshot;
        Assert.Equal((2, 0, 0L, 0L), (c.FramesComplete, c.FramesIncomplete, c.Lost, c.Malformed));
        Assert.Equal(new long[] { 0, 1 }, rig.Received.Select(f => f.Sequence));
    }

    [Fact]
    public void PacketsInAnyOrderWithinAFrameLandWhereTheirHeadersSay()
    {
        var (frames, packets) = Source(Hd50, 2);
        var rng = new Random(5);
        var shuffled = packets.Select(list => list.OrderBy(_ => rng.Next()).ToList()).ToList();
        using var rig = new Rig(Hd50);
        rig.Feed(shuffled.SelectMany(p => p));
        Assert.Equal(2, rig.Received.Count);
        AssertSame(frames[0], rig.Received[0], "frame 0");
        AssertSame(frames[1], rig.Received[1], "frame 1");
        Assert.True(rig.Snapshot.Reordered > 1000);
        Assert.Equal(0, rig.Snapshot.Lost);
    }

    [Fact]
    public void PacketsOfAFrameThatArriveAfterTheNextFrameBeganAreStillUsed()
    {
        var (frames, packets) = Source(Hd50, 3);
        // The last 50 packets of frame 0 arrive after the first 100 of frame 1.
        var order = packets[0].Take(packets[0].Count - 50).Concat(packets[1].Take(100)).Concat(packets[0].Skip(packets[0].Count - 50))
            .Concat(packets[1].Skip(100)).Concat(packets[2]);
        using var rig = new Rig(Hd50);
        rig.Feed(order);
        Assert.Equal(3, rig.Received.Count);
        for (int i = 0; i < 3; i++) AssertSame(frames[i], rig.Received[i], $"frame {i}");
        Assert.Equal((3, 0L), (rig.Snapshot.FramesComplete, rig.Snapshot.Lost));
    }

    [Theory]
    [InlineData(RtpPacking.LinePerPacket)]
    [InlineData(RtpPacking.Continuous)]
    public void ALostPacketLeavesItsLinesFromThePreviousFrameAndShiftsNothing(RtpPacking packing)
    {
        var (frames, packets) = Source(Hd50, 3, packing);
        // Continuous packing: a packet where one line ends and the next begins, so two lines lose pixels.
        var lost = packets[1].Skip(1234).First(p => packing == RtpPacking.LinePerPacket || SegmentRows(p).Count == 2);
        var lostRows = SegmentRows(lost);
        using var rig = new Rig(Hd50);
        rig.Feed(packets.SelectMany(p => p).Where(p => !ReferenceEquals(p, lost)));
        Assert.Equal(3, rig.Received.Count);
        var concealed = rig.Received[1];
        Assert.Equal(FrameFlags.Concealed, concealed.Flags);
        for (int y = 0; y < Hd50.Height; y++)
        {
            var expected = lostRows.Contains(y) ? frames[0] : frames[1];
            Assert.True(RtpTestFrames.RowEquals(expected, y, concealed, y), $"row {y} should come from frame {(lostRows.Contains(y) ? 0 : 1)}");
        }
        AssertSame(frames[0], rig.Received[0], "frame 0");
        AssertSame(frames[2], rig.Received[2], "frame 2");
        var c = rig.Snapshot;
        Assert.Equal((2, 1, 1L, (long)lostRows.Count), (c.FramesComplete, c.FramesIncomplete, c.Lost, c.LinesConcealed));
        Assert.Equal(packing == RtpPacking.Continuous ? 2 : 1, lostRows.Count);
    }

    [Fact]
    public void LossInTheFirstFrameIsConcealedWithBlack()
    {
        var (_, packets) = Source(Hd50, 1);
        using var rig = new Rig(Hd50);
        rig.Feed(packets[0].Where((_, i) => i / 4 != 10)); // all of row 10
        rig.Idle(TimeSpan.FromMilliseconds(100));
        var f = Assert.Single(rig.Received);
        Assert.Equal(FrameFlags.Concealed, f.Flags);
        Assert.All(RtpTestFrames.Samples(f, 10).Select((v, k) => (v, k)), s => Assert.Equal(s.k % 2 == 0 ? 512 : 64, s.v));
    }

    [Fact]
    public void AFrameWhoseMarkerIsLostIsPublishedWhenTheNextTimestampBegins()
    {
        var (frames, packets) = Source(Hd50, 2);
        using var rig = new Rig(Hd50, new RtpAssemblerOptions { PoolFrames = 8, ReorderPackets = 0 });
        rig.Feed(packets[0].Take(packets[0].Count - 1));
        Assert.Empty(rig.Received);                      // no marker yet, nothing missing is known
        rig.Feed(packets[1].Take(1));
        var f = Assert.Single(rig.Received);             // the next timestamp finished it
        Assert.Equal(FrameFlags.Concealed, f.Flags);
        Assert.Equal(1, rig.Snapshot.LinesConcealed);
        Assert.True(RtpTestFrames.RowEquals(frames[0], 0, f, 0));
    }

    [Fact]
    public void AStreamWithoutMarkersStillCompletesEveryFrame()
    {
        var (frames, packets) = Source(Hd50, 2);
        foreach (var p in packets.SelectMany(p => p)) p[1] &= 0x7F;
        using var rig = new Rig(Hd50);
        rig.Feed(packets.SelectMany(p => p));
        Assert.Equal(2, rig.Received.Count);
        AssertSame(frames[1], rig.Received[1], "frame 1");
    }

    [Fact]
    public void TheLastFrameIsPublishedAfterSilenceEvenWhenItsEndIsLost()
    {
        var (_, packets) = Source(Hd50, 1);
        using var rig = new Rig(Hd50);
        rig.Feed(packets[0].Take(2000));
        rig.Idle(TimeSpan.FromMilliseconds(10));
        Assert.Empty(rig.Received);                      // within two frame periods: its packets may still come
        rig.Idle(TimeSpan.FromMilliseconds(100));
        Assert.Single(rig.Received);
        Assert.Equal(1080 - 500, rig.Snapshot.LinesConcealed);
    }

    [Fact]
    public void DuplicatesAndLatePacketsAreCountedAndIgnored()
    {
        var (frames, packets) = Source(Hd50, 2);
        using var rig = new Rig(Hd50);
        var held = packets[0][5];
        rig.Feed(packets[0].Where(p => p != held).SelectMany(p => new[] { p, p }));
        rig.Feed(packets[1].Take(300));                  // 256 packets on, frame 0 is given up without its packet 5
        Assert.Single(rig.Received);
        rig.Feed(new[] { held });                       // too late: frame 0 was published
        rig.Feed(packets[1].Skip(300));
        Assert.Equal(2, rig.Received.Count);
        Assert.Equal(FrameFlags.Concealed, rig.Received[0].Flags);
        AssertSame(frames[1], rig.Received[1], "frame 1");
        var c = rig.Snapshot;
        Assert.Equal((4319L, 1L, 1L, 1L), (c.Duplicates, c.Late, c.FramesIncomplete, c.FramesComplete));
    }

    [Fact]
    public void GarbageShortAndForeignPacketsAreCountedAndNeverThrow()
    {
        var (frames, packets) = Source(Hd50, 2);
        var rng = new Random(9);
        var good = packets.SelectMany(p => p).ToList();
        var garbage = new List<byte[]>();
        for (int i = 0; i < 300; i++)
        {
            var g = new byte[rng.Next(0, 1500)];
            rng.NextBytes(g);
            garbage.Add(g);
        }
        byte[] Mutate(byte[] src, Action<byte[]> change)
        {
            var copy = (byte[])src.Clone();
            change(copy);
            return copy;
        }
        var sample = good[100];
        var crafted = new List<(string What, byte[] Packet, bool Foreign)>
        {
            ("empty", Array.Empty<byte>(), false),
            ("header only", sample[..12], false),
            ("no segment header", sample[..16], false),
            ("version 1", Mutate(sample, p => p[0] = 0x40), false),
            ("padding past the end", Mutate(sample, p => { p[0] |= 0x20; p[^1] = 255; }), false),
            ("extension past the end", Mutate(sample[..20], p => p[0] |= 0x10), false),
            ("row beyond the picture", Mutate(sample, p => { p[16] = 0x7F; p[17] = 0xFF; }), false),
            ("offset not a pixel group", Mutate(sample, p => p[19] |= 1), false),
            ("offset past the line", Mutate(sample, p => { p[18] = 0x07; p[19] = 0x80; }), false),
            ("length not whole groups", Mutate(sample, p => p[15] -= 1), false),
            ("length past the packet", Mutate(sample, p => p[14] = 0x20), false),
            ("continuation past the end", Mutate(sample[..26], p => p[18] |= 0x80), false),
            ("field 1 in a progressive stream", Mutate(sample, p => p[16] |= 0x80), false),
            ("other payload type", Mutate(sample, p => p[1] = (byte)(p[1] & 0x80 | 97)), true),
            ("other SSRC", Mutate(sample, p => p[11] ^= 0xFF), true),
        };
        using var rig = new Rig(Hd50);
        // Interleave: every good packet followed by some garbage; crafted ones sprinkled in.
        var feed = new List<byte[]>();
        int gi = 0, ci = 0;
        foreach (var p in good)
        {
            feed.Add(p);
            if (gi < garbage.Count && rng.Next(20) == 0) feed.Add(garbage[gi++]);
            if (ci < crafted.Count && rng.Next(200) == 0) feed.Add(crafted[ci++].Packet);
        }
        while (ci < crafted.Count) feed.Insert(feed.Count - 1, crafted[ci++].Packet);
        rig.Feed(feed);
        Assert.Equal(2, rig.Received.Count);
        AssertSame(frames[0], rig.Received[0], "frame 0");
        AssertSame(frames[1], rig.Received[1], "frame 1");
        var c = rig.Snapshot;
        Assert.Equal(0, c.FramesIncomplete);
        Assert.True(c.Malformed >= crafted.Count(x => !x.Foreign) - 1, $"malformed {c.Malformed}");
        Assert.True(c.Foreign >= 2, $"foreign {c.Foreign}");
        Assert.Equal(0, c.Lost);
    }

    [Fact]
    public void TheExtendedSequenceNumberWrapsThrough32Bits()
    {
        var (frames, packets) = Source(Hd50, 3, sequence: 0xFFFF_F000); // wraps 2^32 in frame 0 and 2^16 in frames 1-2
        using var rig = new Rig(Hd50);
        rig.Feed(packets.SelectMany(p => p));
        Assert.Equal(3, rig.Received.Count);
        for (int i = 0; i < 3; i++) AssertSame(frames[i], rig.Received[i], $"frame {i}");
        Assert.Equal((0L, 0L, 3L), (rig.Snapshot.Lost, rig.Snapshot.Late, rig.Snapshot.FramesComplete));
        Assert.True(rig.Assembler.Sequence.ExtendedFieldInUse);
    }

    [Fact]
    public void A16BitSenderIsFollowedAcrossItsWraps()
    {
        var (frames, packets) = Source(Hd50, 3, sequence: 60_000); // 16-bit wrap in frame 1
        foreach (var p in packets.SelectMany(p => p)) p[12] = p[13] = 0; // what GStreamer's payloader sends
        using var rig = new Rig(Hd50);
        rig.Feed(packets.SelectMany(p => p));
        Assert.Equal(3, rig.Received.Count);
        for (int i = 0; i < 3; i++) AssertSame(frames[i], rig.Received[i], $"frame {i}");
        Assert.Equal((0L, 3L), (rig.Snapshot.Lost, rig.Snapshot.FramesComplete));
        Assert.False(rig.Assembler.Sequence.ExtendedFieldInUse);
    }

    [Fact]
    public void ARestartedSenderWithANewSsrcIsFollowedAfterTheOldOneFallsSilent()
    {
        var a = Source(Hd50, 2, ssrc: 1, sequence: 5, timestamp: 1000);
        var b = Source(Hd50, 2, ssrc: 2, sequence: 900_000, timestamp: 3_000_000_000);
        using var rig = new Rig(Hd50);
        rig.Feed(a.Packets[0]);
        rig.Feed(b.Packets[0].Take(10));                 // while A speaks, B is foreign
        Assert.Equal(10, rig.Snapshot.Foreign);
        rig.Feed(a.Packets[1]);
        rig.Idle(TimeSpan.FromMilliseconds(300));         // A stops
        rig.Feed(b.Packets.SelectMany(p => p));
        Assert.Equal(4, rig.Received.Count);
        AssertSame(a.Frames[1], rig.Received[1], "A frame 1");
        AssertSame(b.Frames[0], rig.Received[2], "B frame 0");
        AssertSame(b.Frames[1], rig.Received[3], "B frame 1");
        Assert.Equal(1, rig.Snapshot.Restarts);
        Assert.Equal(0, rig.Snapshot.FramesDropped);
    }

    [Fact]
    public void WholeFramesMissingFromTheStreamAreCountedDropped()
    {
        var (_, packets) = Source(Hd50, 4);
        using var rig = new Rig(Hd50);
        rig.Feed(packets[0].Concat(packets[3]));
        Assert.Equal(2, rig.Received.Count);
        Assert.Equal(2, rig.Snapshot.FramesDropped);
        Assert.Equal(2, rig.Frames.Dropped);
        Assert.Equal(new long[] { 0, 3 }, rig.Received.Select(f => f.Sequence));
    }

    [Fact]
    public void WhenConsumersHoldEveryFrameTheFrameIsDroppedNotTheProcess()
    {
        var (_, packets) = Source(Hd50, 6);
        using var rig = new Rig(Hd50, new RtpAssemblerOptions { PoolFrames = 4 });
        rig.Feed(packets.SelectMany(p => p)); // the rig holds every frame it receives
        var c = rig.Snapshot;
        Assert.True(c.FramesDropped > 0);
        Assert.Equal(6, c.FramesComplete + c.FramesDropped);
    }

    private static HashSet<int> SegmentRows(byte[] packet)
    {
        var rows = new HashSet<int>();
        int at = RtpHeader.Size + 2;
        RtpSegmentHeader seg;
        do
        {
            seg = RtpSegmentHeader.Read(packet.AsSpan(at));
            rows.Add(seg.Row);
            at += 6;
        }
        while (seg.Continuation);
        return rows;
    }
}
