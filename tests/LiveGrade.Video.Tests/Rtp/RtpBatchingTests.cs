using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;
using Xunit.Abstractions;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>
/// The batched kernel paths over real loopback sockets: every send path puts exactly the datagrams of the
/// packetiser (what one send per packet puts) on the wire, as a plain socket reads them; a kernel that refuses
/// GSO mid-stream costs no packet; UDP GRO reads are cut back into exactly the datagrams sent.
/// </summary>
[Collection("rtp sockets")]
public class RtpBatchingTests(ITestOutputHelper output)
{
    private const uint Ssrc = 0x5EED0001;
    private const uint FirstSequence = 0xFFFFF800; // the 32-bit sequence wraps within the first frame

    [Theory]
    [InlineData(RtpSendBatching.Gso, 1280, 720)]   // 3 packets a line, the last 10 bytes shorter: GSO runs of 3
    [InlineData(RtpSendBatching.Mmsg, 1280, 720)]
    [InlineData(RtpSendBatching.None, 1280, 720)]
    [InlineData(RtpSendBatching.Gso, 1920, 1080)]  // 4320 packets of 1220 bytes: one GSO send per burst
    [InlineData(RtpSendBatching.Mmsg, 1920, 1080)]
    public void EverySendPathPutsThePacketisersDatagramsOnTheWire(RtpSendBatching path, int width, int height)
    {
        var mode = new VideoMode(width, height, FrameRate.Fps50, PixelFormat.V210);
        var sent = RtpStreaming.RandomFrames(mode, 2, seed: 7);
        var log = new List<string>();
        using var wire = new Wire();
        using var sender = new RtpSender(RtpStreamDescription.ForSending(mode, wire.EndPoint), "wire", Options(path, log));
        sender.Start();
        RtpStreaming.Play(sender, sent);

        var datagrams = wire.Take(sent.Count * sender.PacketsPerFrame, TimeSpan.FromSeconds(10));
        var tx = sender.RtpCounters.Snapshot();
        output.WriteLine($"{path}: {tx}; {string.Join(" | ", log)}");
        CheckWire(datagrams, sent, sender, tx);
        Assert.Equal(path, sender.Batching); // nothing fell back
        Assert.Contains(log, l => l.Contains(path switch
        {
            RtpSendBatching.Gso => "UDP GSO",
            RtpSendBatching.Mmsg => "sendmmsg",
            _ => "one send per packet",
        }, StringComparison.Ordinal));
        Assert.Single(log);
    }

    [Fact]
    public void AKernelThatRefusesGsoMidStreamCostsNoPacket()
    {
        // SO_NO_CHECK (UDP without checksums) makes the kernel refuse every GSO send with EINVAL (udp_send_skb):
        // the sender must switch to sendmmsg at the first burst and send that burst again, once, with one log line.
        var mode = new VideoMode(1280, 720, FrameRate.Fps50, PixelFormat.V210);
        var sent = RtpStreaming.RandomFrames(mode, 2, seed: 8);
        var log = new List<string>();
        using var wire = new Wire();
        using var sender = new RtpSender(RtpStreamDescription.ForSending(mode, wire.EndPoint), "refused", Options(RtpSendBatching.Gso, log));
        sender.Start();
        Assert.Equal(RtpSendBatching.Gso, sender.Batching);
        const int SolSocket = 1, SoNoCheck = 11; // asm-generic/socket.h
        sender.Socket!.SetRawSocketOption(SolSocket, SoNoCheck, BitConverter.GetBytes(1));
        RtpStreaming.Play(sender, sent);

        var datagrams = wire.Take(sent.Count * sender.PacketsPerFrame, TimeSpan.FromSeconds(10));
        var tx = sender.RtpCounters.Snapshot();
        output.WriteLine($"{tx}; {string.Join(" | ", log)}");
        CheckWire(datagrams, sent, sender, tx);
        Assert.Equal(RtpSendBatching.Mmsg, sender.Batching);
        Assert.Equal(2, log.Count);
        Assert.Contains("refused UDP GSO (EINVAL)", log[1]);
    }

    [Fact]
    public unsafe void GroReadsAreCutIntoExactlyTheDatagramsSent()
    {
        using var rx = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rx.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        rx.SetRawSocketOption(LinuxUdp.SolUdp, LinuxUdp.UdpGro, BitConverter.GetBytes(1));
        using var tx = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        tx.Connect(rx.LocalEndPoint!);
        int txFd = (int)tx.Handle, rxFd = (int)rx.Handle;

        // Two GSO sends (5 x 1000 + a shorter 300; 3 x 700) and one plain datagram; every byte says where it came from.
        var expected = new List<byte[]>();
        byte[] Datagram(int length)
        {
            var d = new byte[length];
            new Random(expected.Count + 1).NextBytes(d);
            expected.Add(d);
            return d;
        }
        using var batch = new UdpSendBatch(8, 1500);
        foreach (int length in new[] { 1000, 1000, 1000, 1000, 1000, 300 })
        {
            Datagram(length).CopyTo(batch.Free);
            batch.Commit(length);
        }
        Assert.Equal(6, batch.GsoRun(0));
        Assert.Equal(0, batch.SendGso(txFd, 0, 6));
        batch.Clear();
        foreach (int length in new[] { 700, 700, 700 })
        {
            Datagram(length).CopyTo(batch.Free);
            batch.Commit(length);
        }
        Assert.Equal(0, batch.SendGso(txFd, 0, batch.GsoRun(0)));
        tx.Send(Datagram(400));

        using var reads = new UdpReceiveBatch(8);
        var got = new List<byte[]>();
        var shapes = new List<(int Length, int Segment)>();
        var clock = Stopwatch.StartNew();
        while (got.Count < expected.Count && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            int n = reads.Receive(rxFd, out int errno);
            if (n < 0)
            {
                Assert.Equal(LinuxUdp.EAgain, errno);
                rx.Poll(10_000, SelectMode.SelectRead);
                continue;
            }
            for (int r = 0; r < n; r++)
            {
                Assert.False(reads.Truncated(r));
                shapes.Add((reads.Read(r).Length, reads.SegmentSize(r)));
                foreach (var d in UdpReceiveBatch.Segments(reads.Read(r), reads.SegmentSize(r))) got.Add(d.ToArray());
            }
        }
        output.WriteLine("reads (length, segment): " + string.Join(" ", shapes));
        // On loopback the GSO sends reach a GRO socket whole: the splitting is what is under test here.
        Assert.Equal(new[] { (5300, 1000), (2100, 700), (400, 0) }, shapes);
        Assert.Equal(expected.Count, got.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(got[i]), $"datagram {i} differs ({got[i].Length} bytes, sent {expected[i].Length})");
        }
    }

    private static RtpSenderOptions Options(RtpSendBatching path, List<string> log) => new()
    {
        Batching = path,
        Ssrc = Ssrc,
        InitialSequence = FirstSequence,
        QueueFrames = 16,
        Log = line => { lock (log) log.Add(line); },
    };

    /// <summary>
    /// The datagrams, put in sequence order, are exactly the packetiser's for the sent frames (at the timestamps the
    /// sender's clock gave them, read off the wire), and the counters say so to the packet and byte.
    /// </summary>
    private static void CheckWire(List<byte[]> datagrams, List<VideoFrame> sent, RtpSender sender, RtpSenderCountersSnapshot tx)
    {
        int perFrame = sender.PacketsPerFrame;
        Assert.Equal(sent.Count * perFrame, datagrams.Count);
        Assert.Equal(datagrams.Count, tx.Packets);
        Assert.Equal(0, tx.SendErrors);
        // Loopback keeps one socket's datagrams in order all but always; sort by the 32-bit sequence to be sure.
        var ordered = new byte[datagrams.Count][];
        foreach (var d in datagrams)
        {
            uint sequence = (uint)(BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(12)) << 16 | BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(2)));
            uint index = sequence - FirstSequence;
            Assert.True(index < ordered.Length && ordered[index] is null, $"sequence {sequence:X8} unexpected or twice");
            ordered[index] = d;
        }
        Assert.True(RtpVideoFormat.TryFor(sent[0].Format, out var format));
        var reference = new RtpPacketizer(format, sent[0].Width, sent[0].Height) { Ssrc = Ssrc, NextSequence = FirstSequence };
        long bytes = 0;
        for (int f = 0; f < sent.Count; f++)
        {
            uint timestamp = BinaryPrimitives.ReadUInt32BigEndian(ordered[f * perFrame].AsSpan(4));
            var expected = RtpTestFrames.Packets(reference, sent[f], timestamp);
            for (int i = 0; i < perFrame; i++)
            {
                var d = ordered[f * perFrame + i];
                Assert.True(expected[i].AsSpan().SequenceEqual(d), $"frame {f} datagram {i}: {d.Length} bytes differ from the packetiser's {expected[i].Length}");
                bytes += d.Length;
            }
        }
        Assert.Equal(bytes, tx.Bytes);
    }

    /// <summary>A plain UDP socket on loopback (no GRO: a GSO send reaches it as the kernel cut it) and a thread that keeps every datagram.</summary>
    private sealed class Wire : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly List<byte[]> _datagrams = new();
        private readonly Thread _thread;
        private volatile bool _stop;

        public Wire()
        {
            RtpSockets.SetReceiveBuffer(_socket, 64 << 20);
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _socket.ReceiveTimeout = 50;
            _thread = new Thread(Run) { Name = "test wire", IsBackground = true };
            _thread.Start();
        }

        public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

        /// <summary>The datagrams so far, once <paramref name="count"/> came or <paramref name="timeout"/> passed (then a few ms more for strays).</summary>
        public List<byte[]> Take(int count, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (Count < count && clock.Elapsed < timeout) Thread.Sleep(5);
            Thread.Sleep(50); // anything beyond the expected count shows too
            Assert.Equal(0, RtpSockets.KernelDrops(_socket));
            lock (_datagrams) return _datagrams.ToList();
        }

        private int Count
        {
            get { lock (_datagrams) return _datagrams.Count; }
        }

        private void Run()
        {
            var buffer = new byte[65536];
            while (!_stop)
            {
                int n;
                try
                {
                    n = _socket.Receive(buffer);
                }
                catch (SocketException)
                {
                    continue; // the time-out: look at _stop
                }
                lock (_datagrams) _datagrams.Add(buffer[..n]);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            _socket.Dispose();
        }
    }
}
