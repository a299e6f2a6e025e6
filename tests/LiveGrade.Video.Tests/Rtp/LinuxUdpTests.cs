using System.Runtime.InteropServices;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>The libc structures, the control-message parser and the batch bookkeeping, without sockets.</summary>
public unsafe class LinuxUdpTests
{
    [Fact]
    public void StructuresHaveTheLp64LinuxLayout()
    {
        Assert.Equal(8, IntPtr.Size); // x86-64 and arm64 Linux: LP64
        // <bits/socket.h>, <bits/types/struct_iovec.h>: iovec 16, msghdr 56, mmsghdr 64 (msghdr + unsigned + pad), cmsghdr 16.
        Assert.Equal(16, sizeof(LinuxUdp.IoVec));
        Assert.Equal(56, sizeof(LinuxUdp.MsgHdr));
        Assert.Equal(64, sizeof(LinuxUdp.MMsgHdr));
        Assert.Equal(16, sizeof(LinuxUdp.CMsgHdr));
        Assert.Equal(8, (int)Marshal.OffsetOf<LinuxUdp.MsgHdr>(nameof(LinuxUdp.MsgHdr.NameLength)));
        Assert.Equal(16, (int)Marshal.OffsetOf<LinuxUdp.MsgHdr>(nameof(LinuxUdp.MsgHdr.Iov)));
        Assert.Equal(32, (int)Marshal.OffsetOf<LinuxUdp.MsgHdr>(nameof(LinuxUdp.MsgHdr.Control)));
        Assert.Equal(48, (int)Marshal.OffsetOf<LinuxUdp.MsgHdr>(nameof(LinuxUdp.MsgHdr.Flags)));
        Assert.Equal(56, (int)Marshal.OffsetOf<LinuxUdp.MMsgHdr>(nameof(LinuxUdp.MMsgHdr.Length)));
        // CMSG_SPACE(sizeof(int)) = CMSG_SPACE(sizeof(u16)) = 24, CMSG_LEN(2) = 18.
        Assert.Equal(24, LinuxUdp.ControlSpace);
        Assert.Equal(LinuxUdp.ControlSpace, LinuxUdp.ControlAlign(LinuxUdp.ControlLength(sizeof(int))));
        Assert.Equal(18, LinuxUdp.ControlLength(sizeof(ushort)));
    }

    [Fact]
    public void GroSegmentSizeIsFoundAfterOtherControlMessages()
    {
        var control = stackalloc byte[64];
        new Span<byte>(control, 64).Clear();
        // A first, unrelated message (SOL_SOCKET SO_TIMESTAMP-like, 4 data bytes: CMSG_LEN 20, padded to 24), then UDP_GRO = 1220.
        var first = (LinuxUdp.CMsgHdr*)control;
        first->Length = 20;
        first->Level = 1;
        first->Type = 29;
        var gro = (LinuxUdp.CMsgHdr*)(control + 24);
        gro->Length = 20;
        gro->Level = LinuxUdp.SolUdp;
        gro->Type = LinuxUdp.UdpGro;
        *(int*)(control + 24 + 16) = 1220;
        Assert.Equal(1220, LinuxUdp.GroSegmentSize(control, 44));
        Assert.Equal(0, LinuxUdp.GroSegmentSize(control, 24));       // the GRO message outside what the kernel used
        Assert.Equal(0, LinuxUdp.GroSegmentSize(control, 0));
        first->Length = 100;                                           // a length past the used room: parsing stops
        Assert.Equal(0, LinuxUdp.GroSegmentSize(control, 44));
        first->Length = 3;                                             // shorter than a header: no endless loop
        Assert.Equal(0, LinuxUdp.GroSegmentSize(control, 44));
    }

    [Theory]
    [InlineData(new[] { 1090, 1090, 1080, 1090, 1090, 1080 }, new[] { 3, 3 })]  // 720p v210: the last packet of a line is shorter
    [InlineData(new[] { 1220, 1220, 1220, 1220 }, new[] { 4 })]                  // 1080p v210: all equal
    [InlineData(new[] { 1000, 1200, 1200, 500, 500 }, new[] { 1, 3, 1 })]       // a longer packet starts a new run; a shorter one ends it
    [InlineData(new[] { 300 }, new[] { 1 })]
    public void GsoRunsAreEqualSizedPacketsEndedByAtMostOneShorter(int[] sizes, int[] runs)
    {
        using var batch = new UdpSendBatch(sizes.Length, 1440);
        foreach (int size in sizes) batch.Commit(size);
        Assert.Equal(runs, Runs(batch));
    }

    [Fact]
    public void GsoRunsStayWithinSixtyFourSegmentsAndOneIpDatagram()
    {
        using var small = new UdpSendBatch(70, 100);
        for (int i = 0; i < 70; i++) small.Commit(100);
        Assert.Equal(new[] { 64, 6 }, Runs(small));

        using var large = new UdpSendBatch(60, 1440);
        for (int i = 0; i < 60; i++) large.Commit(1400);
        Assert.Equal(new[] { 46, 14 }, Runs(large)); // 46 x 1400 = 64400 <= 65507 < 47 x 1400
    }

    [Fact]
    public void PacketsAreWrittenBackToBack()
    {
        using var batch = new UdpSendBatch(3, 16);
        for (int i = 0; i < 3; i++)
        {
            var free = batch.Free;
            Assert.Equal(16, free.Length);
            free[..(i + 2)].Fill((byte)(i + 1));
            batch.Commit(i + 2);
        }
        Assert.Throws<InvalidOperationException>(() => batch.Free.Length);
        Assert.Equal(new byte[] { 1, 1 }, batch.Packet(0).ToArray());
        Assert.Equal(new byte[] { 2, 2, 2 }, batch.Packet(1).ToArray());
        Assert.Equal(new byte[] { 3, 3, 3, 3 }, batch.Packet(2).ToArray());
        Assert.Equal(9, batch.Bytes(0, 3));
        fixed (byte* p0 = batch.Packet(0), p2 = batch.Packet(2))
        {
            Assert.Equal(5, (int)(p2 - p0)); // no gap between packets: one GSO buffer
        }
        batch.Clear();
        Assert.Equal(0, batch.Count);
    }

    [Theory]
    [InlineData(10, 4, new[] { 4, 4, 2 })]
    [InlineData(8, 4, new[] { 4, 4 })]
    [InlineData(8, 0, new[] { 8 })]       // no UDP_GRO message: one datagram
    [InlineData(8, 8, new[] { 8 })]
    [InlineData(8, 20, new[] { 8 })]
    [InlineData(0, 0, new[] { 0 })]       // an empty datagram is still one (the assembler counts it malformed)
    [InlineData(1, 1, new[] { 1 })]
    public void CoalescedReadsAreCutIntoTheirDatagrams(int length, int segmentSize, int[] expected)
    {
        var read = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var lengths = new List<int>();
        int at = 0;
        foreach (var datagram in UdpReceiveBatch.Segments(read, segmentSize))
        {
            Assert.True(datagram.SequenceEqual(read.AsSpan(at, datagram.Length)));
            at += datagram.Length;
            lengths.Add(datagram.Length);
        }
        Assert.Equal(expected, lengths);
        Assert.Equal(length, at);
    }

    private static List<int> Runs(UdpSendBatch batch)
    {
        var runs = new List<int>();
        for (int first = 0; first < batch.Count;)
        {
            int n = batch.GsoRun(first);
            runs.Add(n);
            first += n;
        }
        return runs;
    }
}
