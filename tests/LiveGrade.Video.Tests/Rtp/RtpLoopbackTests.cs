using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Video;
using LiveGrade.Video.Rtp;
using Xunit.Abstractions;

namespace LiveGrade.Video.Tests.Rtp;

/// <summary>
/// Sender and receiver over real UDP sockets on loopback, paced in real time. The machines these run on may
/// be busy (a 2-core CI box shared with builds), so the tests give the sender a queue as long as the clip
/// and the receiver a long idle flush: a starved thread then sends or assembles late, but nothing is
/// dropped on purpose, and every frame must arrive whole and bit-exact. What real-time behaviour costs is
/// measured by `livegrade rtp send/receive`, not here.
/// </summary>
[Collection("rtp sockets")]
public class RtpLoopbackTests(ITestOutputHelper output)
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;

    /// <summary>Receiver options for tests on a busy machine: frames wait for late packets for up to 2 s.</summary>
    internal static RtpReceiverOptions Patient(IPAddress? iface = null) => new()
    {
        Interface = iface,
        QueueFrames = 16,
        Assembler = new RtpAssemblerOptions { IdleFlush = TimeSpan.FromSeconds(2) },
    };

    private (RtpSender Sender, RtpReceiver Receiver) Pair(VideoMode mode, IPAddress address, int port, RtpSenderOptions? senderOptions = null,
        RtpReceiverOptions? receiverOptions = null)
    {
        var stream = RtpStreamDescription.ForSending(mode, new IPEndPoint(address, port), ttl: 1);
        var receiver = new RtpReceiver(stream, "test", receiverOptions ?? Patient());
        var sender = new RtpSender(stream, "test", senderOptions ?? new RtpSenderOptions { QueueFrames = 16 });
        return (sender, receiver);
    }

    private void CheckBitExact(List<VideoFrame> received, List<VideoFrame> sent, int atLeast)
    {
        int whole = 0;
        var seen = new HashSet<int>();
        foreach (var f in received)
        {
            int i = RtpStreaming.Identify(f, sent);
            Assert.True(i >= 0, "a received frame shows none of the sent pictures");
            if ((f.Flags & FrameFlags.Concealed) == 0)
            {
                // A concealed frame is mostly its predecessor's rows (a stalled run), so it may look like that
                // frame again: only whole frames are held to arriving once.
                Assert.True(seen.Add(i), $"sent frame {i} arrived twice");
                var rows = RtpTestFrames.DifferentRows(sent[i], f);
                Assert.True(rows.Count == 0, $"frame {i}: {rows.Count} rows differ");
                whole++;
            }
        }
        output.WriteLine($"{received.Count} frames received, {whole} whole, of {sent.Count} sent");
        Assert.True(whole >= atLeast, $"only {whole} of {sent.Count} frames arrived whole");
    }

    [Theory]
    [InlineData(PixelFormat.V210, 1920, 1080, 50, 10)]
    [InlineData(PixelFormat.Uyvy8, 1920, 1080, 25, 6)]
    [InlineData(PixelFormat.Rgb10, 1280, 720, 25, 4)]
    [InlineData(PixelFormat.V210, 3840, 2160, 10, 3)]
    public void UnicastFramesArriveBitExact(PixelFormat format, int width, int height, int fps, int count)
    {
        var mode = new VideoMode(width, height, new FrameRate(fps, 1), format);
        var sent = RtpStreaming.RandomFrames(mode, count);
        // Loss on loopback only happens when this machine stalls the receive thread longer than the kernel
        // buffer lasts (a CI box running other jobs); such a run is repeated, up to three times. Every
        // attempt must still be bit exact and fully accounted for.
        const int attempts = 3;
        for (int attempt = 1; ; attempt++)
        {
            var (sender, receiver) = Pair(mode, Loopback, RtpStreaming.FreePort());
            using (sender)
            using (receiver)
            {
                receiver.Start();
                Assert.Equal(SourceState.Starting, receiver.State);
                using var collector = new RtpStreaming.Collector(receiver, count);
                sender.Start();
                RtpStreaming.Play(sender, sent);
                collector.WaitFor(count, TimeSpan.FromSeconds(10));
                long expected = (long)count * sender.PacketsPerFrame;
                var sendClock = Stopwatch.StartNew();
                while (sender.RtpCounters.Snapshot() is var t && t.Packets + t.SendErrors < expected && sendClock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
                var tx = sender.RtpCounters.Snapshot();
                // The receive thread may still be draining the kernel buffer (it lags the sender on a loaded box):
                // give it time to read what was sent before counting.
                var drainClock = Stopwatch.StartNew();
                while (receiver.RtpCounters.Snapshot().Packets + (receiver.KernelDrops ?? 0) < tx.Packets && drainClock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
                var rx = receiver.RtpCounters.Snapshot();
                long kernelDrops = receiver.KernelDrops ?? throw new InvalidOperationException("the kernel's drop counter for the socket was not found in /proc/net/udp");
                output.WriteLine($"attempt {attempt}: sender: {tx}; receiver: {rx}; kernel buffer {receiver.ReceiveBufferBytes} bytes, {kernelDrops} dropped; burst {sender.BurstPackets} packets");
                // Every packet was either sent or refused by the kernel (its send buffer full while this machine
                // stalled the receiver), and counted as such.
                Assert.Equal(expected, tx.Packets + tx.SendErrors);
                // Live while frames came; by now (the sender may have taken long to finish on a loaded machine)
                // it may have gone to NoSignal after the last one, but never Failed.
                Assert.NotEqual(SourceState.Failed, receiver.State);
                if (tx.SendErrors > 0)
                {
                    Assert.True(attempt < attempts, $"the kernel refused {tx.SendErrors} packets in each of {attempts} attempts");
                    continue;
                }
                // Every packet sent was read, or dropped by the kernel (its buffer full while this machine starved
                // the receive thread); drops show as lost where a later packet reveals the gap, never more. With UDP
                // GRO (the default path) the kernel counts a dropped coalesced read once, whatever it held (1..64).
                Assert.Equal(RtpSendBatching.Gso, sender.Batching);
                Assert.Equal(RtpReceiveBatching.Gro, receiver.Batching);
                AssertKernelDropsAccountFor(tx.Packets - rx.Packets, kernelDrops, receiver.Batching);
                Assert.InRange(rx.Lost, 0, tx.Packets - rx.Packets);
                Assert.Equal(0, rx.Malformed + rx.Foreign);
                // A sender stalled mid-frame for longer than the receiver's idle flush (2 s: only a machine
                // starved of CPU does that) makes the receiver publish that frame concealed and count the
                // rest of its packets late; like kernel loss, such a run is repeated.
                bool stalled = kernelDrops > 0 || rx.Late > 0;
                CheckBitExact(collector.Frames, sent, atLeast: stalled ? 0 : count);
                if (!stalled) return;
                // the kernel dropped packets: its buffer was too small for this machine's stalls
                Assert.True(attempt < attempts, $"{kernelDrops} packets dropped by the kernel and {rx.Late} late in each of {attempts} attempts");
            }
        }
    }

    /// <summary>Datagrams missing at the receiver against the kernel's count of what it dropped at the socket.</summary>
    private static void AssertKernelDropsAccountFor(long missing, long kernelDrops, RtpReceiveBatching path)
    {
        if (path == RtpReceiveBatching.Gro)
        {
            Assert.InRange(missing, kernelDrops, kernelDrops * LinuxUdp.MaxGsoSegments);
        }
        else
        {
            Assert.Equal(missing, kernelDrops);
        }
    }

    [Theory]
    [InlineData(RtpSendBatching.Gso, RtpReceiveBatching.Gro)]    // the default: coalesced end to end
    [InlineData(RtpSendBatching.Gso, RtpReceiveBatching.Mmsg)]   // GSO sends cut by the kernel for a receiver without GRO
    [InlineData(RtpSendBatching.Gso, RtpReceiveBatching.None)]
    [InlineData(RtpSendBatching.Mmsg, RtpReceiveBatching.Gro)]   // GRO asked, but nothing coalesced on loopback: plain reads
    [InlineData(RtpSendBatching.None, RtpReceiveBatching.Mmsg)]
    [InlineData(RtpSendBatching.None, RtpReceiveBatching.None)]
    public void EveryKernelPathCarriesFramesBitExact(RtpSendBatching send, RtpReceiveBatching receive)
    {
        // 720p 10-bit: three packets a line, the last shorter, so GSO runs end with a short segment.
        var mode = new VideoMode(1280, 720, FrameRate.Fps50, PixelFormat.V210);
        const int count = 6;
        var sent = RtpStreaming.RandomFrames(mode, count, seed: 5);
        for (int attempt = 1; ; attempt++)
        {
            var (sender, receiver) = Pair(mode, Loopback, RtpStreaming.FreePort(),
                new RtpSenderOptions { QueueFrames = 16, Batching = send, Log = _ => { } }, Patient() with { Batching = receive, Log = _ => { } });
            using (sender)
            using (receiver)
            {
                receiver.Start();
                using var collector = new RtpStreaming.Collector(receiver, count);
                sender.Start();
                RtpStreaming.Play(sender, sent);
                collector.WaitFor(count, TimeSpan.FromSeconds(10));
                var tx = sender.RtpCounters.Snapshot();
                var drain = Stopwatch.StartNew();
                while (receiver.RtpCounters.Snapshot().Packets + (receiver.KernelDrops ?? 0) < tx.Packets && drain.Elapsed < TimeSpan.FromSeconds(5)) Thread.Sleep(10);
                var rx = receiver.RtpCounters.Snapshot();
                long kernelDrops = receiver.KernelDrops ?? throw new InvalidOperationException("no kernel drop counter for the socket");
                output.WriteLine($"{send}/{receive} attempt {attempt}: sender {tx}; receiver {rx}; kernel drops {kernelDrops}");
                Assert.Equal(send, sender.Batching);
                Assert.Equal(receive, receiver.Batching);
                Assert.Equal((long)count * sender.PacketsPerFrame, tx.Packets + tx.SendErrors);
                AssertKernelDropsAccountFor(tx.Packets - rx.Packets, kernelDrops, receiver.Batching);
                Assert.Equal(0, rx.Malformed + rx.Foreign);
                if ((tx.SendErrors > 0 || kernelDrops > 0 || rx.Late > 0) && attempt < 3) continue; // this machine stalled a thread: again
                Assert.Equal(0, tx.SendErrors);
                Assert.Equal(tx.Packets, rx.Packets);
                Assert.Equal(0, rx.Lost);
                CheckBitExact(collector.Frames, sent, atLeast: count);
                return;
            }
        }
    }

    [Fact]
    public void TheReceiveThreadDoesNotAllocateWhileFramesFlow()
    {
        var mode = VideoMode.Hd1080(FrameRate.Fps50);
        var sent = RtpStreaming.RandomFrames(mode, 12);
        var (sender, receiver) = Pair(mode, Loopback, RtpStreaming.FreePort());
        using (sender)
        using (receiver)
        {
            receiver.Start();
            using var collector = new RtpStreaming.Collector(receiver, 12);
            sender.Start();
            RtpStreaming.Play(sender, sent.Take(4).ToList());
            Assert.True(collector.WaitFor(3, TimeSpan.FromSeconds(5)));
            Thread.Sleep(100);
            long before = receiver.ReceiveThreadAllocatedBytes;
            RtpStreaming.Play(sender, sent.Skip(4).ToList());
            collector.WaitFor(11, TimeSpan.FromSeconds(5));
            Thread.Sleep(100);
            long after = receiver.ReceiveThreadAllocatedBytes;
            int frames = collector.Count - 3;
            output.WriteLine($"receive thread allocated {after - before} bytes over {frames} frames ({receiver.RtpCounters.Snapshot()})");
            Assert.True(frames >= 8 && receiver.RtpCounters.Snapshot().Packets > 8 * sender.PacketsPerFrame);
            // Less than one smallest object (24 bytes) per frame: an allocation per packet or per frame fails
            // this; the runtime's own one-off allocations after warm-up (tiering, a few dozen bytes) do not.
            Assert.True(after - before < 16 * frames, $"{after - before} bytes allocated over {frames} frames");
        }
    }

    [MulticastOnLoopbackFact]
    public void MulticastOnLoopbackJoinsReceivesAndLeaves()
    {
        var mode = new VideoMode(1280, 720, FrameRate.Fps50, PixelFormat.Uyvy8);
        var group = IPAddress.Parse("239.255.42.7");
        int port = RtpStreaming.FreePort();
        var sent = RtpStreaming.RandomFrames(mode, 6);
        var (sender, receiver) = Pair(mode, group, port, new RtpSenderOptions { Interface = Loopback, QueueFrames = 16 }, Patient(Loopback));
        using (sender)
        using (receiver)
        {
            receiver.Start();
            Assert.Contains("EFFF2A07", JoinedGroups(), StringComparison.OrdinalIgnoreCase); // /proc/net/igmp lists the group (hex, host order reversed)
            using var collector = new RtpStreaming.Collector(receiver, 6);
            sender.Start();
            Assert.Contains("c=IN IP4 239.255.42.7/1", sender.Sdp);
            RtpStreaming.Play(sender, sent);
            collector.WaitFor(6, TimeSpan.FromSeconds(5));
            output.WriteLine(receiver.RtpCounters.Snapshot().ToString());
            CheckBitExact(collector.Frames, sent, atLeast: 6);
            receiver.Stop();
            Assert.DoesNotContain("EFFF2A07", JoinedGroups(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string JoinedGroups() =>
        // Linux lists each group as 8 hex digits of the address in host (little-endian) order: 239.255.42.7 -> 072AFFEF.
        File.Exists("/proc/net/igmp") ? File.ReadAllText("/proc/net/igmp").Replace("072AFFEF", "EFFF2A07", StringComparison.OrdinalIgnoreCase) : "";

    [Fact]
    public void PacketsLostReorderedDuplicatedAndGarbageOnTheWayAreCountedAndConcealed()
    {
        // A relay between sender and receiver drops 1% of packets at random, swaps 1% with the next one,
        // repeats 0.5% and sends a datagram of random bytes every 500 packets.
        var mode = VideoMode.Hd1080(FrameRate.Fps50);
        const int count = 10;
        for (int attempt = 1; ; attempt++)
        {
            var sent = RtpStreaming.RandomFrames(mode, count, seed: 3);
            int relayPort = RtpStreaming.FreePort(), receiverPort = RtpStreaming.FreePort();
            var stream = RtpStreamDescription.ForSending(mode, new IPEndPoint(Loopback, receiverPort));
            using var receiver = new RtpReceiver(stream, "lossy", Patient() with
            {
                // The relay forwards its backlog in a rush after a stall: room for the whole clip, as at the relay.
                ReceiveBufferBytes = 128 << 20,
                // Time-outs no busy machine reaches; the incomplete frames are published by the reordering window.
                Assembler = new RtpAssemblerOptions { IdleFlush = TimeSpan.FromSeconds(2), SsrcTimeout = TimeSpan.FromSeconds(10) },
            });
            using var sender = new RtpSender(stream with { Port = relayPort }, "lossy", new RtpSenderOptions { QueueFrames = 16 });
            using var relay = new LossyRelay(relayPort, receiverPort, seed: 11);
            receiver.Start();
            using var collector = new RtpStreaming.Collector(receiver, count);
            sender.Start();
            RtpStreaming.Play(sender, sent);
            collector.WaitFor(count, TimeSpan.FromSeconds(12)); // the last frame comes after the idle flush (returns as soon as all are in)
            long machineDrops = relay.KernelDrops + (receiver.KernelDrops ?? 0);
            relay.Stop();
            var rx = receiver.RtpCounters.Snapshot();
            output.WriteLine($"attempt {attempt}: sender: {sender.RtpCounters.Snapshot()}; relay: {relay.Dropped} dropped, {relay.Swapped} swapped, {relay.Duplicated} repeated, {relay.Garbage} garbage of {relay.Forwarded}; receiver: {rx}; kernel drops (relay + receiver) {machineDrops}");
            // Loss beyond the relay's own is this machine's (a stalled thread let a kernel buffer overflow on the
            // way, at the relay's socket or the receiver's, which the kernel counts; at the end of the stream no
            // sequence gap shows it): such a run says nothing about the counters, and is repeated, up to three times.
            if ((machineDrops > 0 || rx.Lost != relay.Dropped) && attempt < 3) continue;
            Assert.Equal(0, machineDrops);

            Assert.True(relay.Dropped > count * sender.PacketsPerFrame / 200, "the relay dropped about 1%");
            Assert.Equal(relay.Dropped, rx.Lost);
            Assert.Equal(relay.Swapped, rx.Reordered);
            Assert.Equal(relay.Duplicated, rx.Duplicates);
            Assert.Equal(relay.Garbage, rx.Malformed + rx.Foreign); // random bytes: not RTP, or not this payload type/SSRC
            Assert.Equal(0, rx.Late);
            Assert.Equal(count, rx.FramesComplete + rx.FramesIncomplete + rx.FramesDropped);
            Assert.True(rx.FramesIncomplete > 0);

            // Every row of every frame is the sent row, or (concealed) the same row of the frame published before it.
            var frames = collector.Frames;
            Assert.Equal(rx.FramesComplete + rx.FramesIncomplete, frames.Count);
            long concealedRows = 0;
            for (int k = 0; k < frames.Count; k++)
            {
                int i = RtpStreaming.Identify(frames[k], sent);
                Assert.True(i >= 0);
                for (int y = 0; y < mode.Height; y++)
                {
                    if (RtpTestFrames.RowEquals(sent[i], y, frames[k], y)) continue;
                    Assert.True((frames[k].Flags & FrameFlags.Concealed) != 0, $"frame {k} row {y} differs but the frame is not marked concealed");
                    if (k == 0)
                    {
                        Assert.All(RtpTestFrames.Samples(frames[k], y).Select((v, s) => (v, s)), x => Assert.Equal(x.s % 2 == 0 ? 512 : 64, x.v));
                    }
                    else
                    {
                        if (!RtpTestFrames.RowEquals(frames[k - 1], y, frames[k], y))
                        {
                            var got = RtpTestFrames.Samples(frames[k], y);
                            int FirstDiff(int[] other) => Enumerable.Range(0, got.Length).FirstOrDefault(j => got[j] != other[j], -1);
                            var matches = Enumerable.Range(0, sent.Count).Where(j => RtpTestFrames.RowEquals(sent[j], y, frames[k], y));
                            Assert.Fail($"frame {k} (sent {i}) row {y} is neither sent nor the previous frame's (frame {k - 1} is sent {RtpStreaming.Identify(frames[k - 1], sent)}); "
                                + $"first sample differing from sent: {FirstDiff(RtpTestFrames.Samples(sent[i], y))}, from previous: {FirstDiff(RtpTestFrames.Samples(frames[k - 1], y))} of {got.Length}; "
                                + $"equal to sent {string.Join(",", matches)}; first samples {string.Join(" ", got.Take(8))}; sequence {frames[k].Sequence} after {frames[k - 1].Sequence}");
                        }
                    }
                    concealedRows++;
                }
            }
            Assert.Equal(rx.LinesConcealed, concealedRows);
            return;
        }
    }

    [Fact]
    public void ASenderRestartedTenTimesIsFollowedWithinASecondEachTime()
    {
        var mode = new VideoMode(1280, 720, FrameRate.Fps50, PixelFormat.Uyvy8);
        int port = RtpStreaming.FreePort();
        var stream = RtpStreamDescription.ForSending(mode, new IPEndPoint(Loopback, port));
        using var receiver = new RtpReceiver(stream, "restarts", new RtpReceiverOptions { QueueFrames = 16 }); // default time-outs: this is about them
        receiver.Start();
        using var collector = new RtpStreaming.Collector(receiver, 10 * 12);
        var worst = TimeSpan.Zero;
        for (int cycle = 0; cycle < 10; cycle++)
        {
            var frames = RtpStreaming.RandomFrames(mode, 12, seed: 100 + cycle);
            int before = collector.Count;
            var sw = Stopwatch.StartNew();
            using (var sender = new RtpSender(stream, $"cycle {cycle}"))
            {
                sender.Start();
                var play = new Thread(() => RtpStreaming.Play(sender, frames)) { Name = "test player" };
                play.Start();
                while (!collector.Frames.Skip(before).Any(f => RtpStreaming.Identify(f, frames) >= 0) && sw.Elapsed < TimeSpan.FromSeconds(3))
                {
                    Thread.Sleep(2);
                }
                var latency = sw.Elapsed;
                worst = latency > worst ? latency : worst;
                Assert.True(latency < TimeSpan.FromSeconds(1), $"cycle {cycle}: first picture after {latency.TotalMilliseconds:0} ms");
                play.Join();
            }
            Thread.Sleep(50); // the sender is gone (socket closed); the next one has a new SSRC and numbering
            Assert.NotEqual(SourceState.Failed, receiver.State);
        }
        var rx = receiver.RtpCounters.Snapshot();
        output.WriteLine($"worst return to pictures {worst.TotalMilliseconds:0} ms; {rx}");
        Assert.True(rx.Restarts >= 9, $"restarts {rx.Restarts}");
        Thread.Sleep(700);
        Assert.Equal(SourceState.NoSignal, receiver.State);
    }

    /// <summary>A UDP relay that damages the stream on purpose (test-only).</summary>
    private sealed class LossyRelay : IDisposable
    {
        private readonly Socket _in = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Socket _out = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Thread _thread;
        private readonly Random _rng;
        private volatile bool _stop;
        public long Forwarded, Dropped, Swapped, Duplicated, Garbage;

        /// <summary>Datagrams the kernel dropped at the relay's socket (its buffer full while the relay thread stalled).</summary>
        public long KernelDrops => RtpSockets.KernelDrops(_in) ?? throw new InvalidOperationException("no kernel drop counter for the relay's socket");

        public LossyRelay(int listen, int forward, int seed)
        {
            _rng = new Random(seed);
            // The whole clip (10 frames of 1080p, 43,200 datagrams of about 2.5 KB of kernel memory each): the sender
            // keeps real time with GSO bursts, and this relay, one recv and one send a packet on a test thread, need not.
            RtpSockets.SetReceiveBuffer(_in, 128 << 20);
            _in.Bind(new IPEndPoint(IPAddress.Loopback, listen));
            _in.ReceiveTimeout = 50;
            _out.Connect(new IPEndPoint(IPAddress.Loopback, forward));
            _thread = new Thread(Run) { Name = "lossy relay", IsBackground = true };
            _thread.Start();
        }

        private void Run()
        {
            var buf = new byte[65536];
            byte[]? held = null;
            var junk = new byte[1300];
            while (!_stop)
            {
                int n;
                try
                {
                    n = _in.Receive(buf);
                }
                catch (SocketException)
                {
                    if (held is not null)
                    {
                        _out.Send(held); // the stream paused: the held packet goes out in order after all
                        held = null;
                        Swapped--;
                    }
                    continue;
                }
                Forwarded++;
                if (Forwarded % 500 == 0)
                {
                    _rng.NextBytes(junk);
                    _out.Send(junk.AsSpan(0, _rng.Next(1, junk.Length)));
                    Garbage++;
                }
                double r = _rng.NextDouble();
                if (r < 0.01)
                {
                    Dropped++;
                    continue;
                }
                var packet = buf.AsSpan(0, n);
                if (held is null && r < 0.02)
                {
                    held = packet.ToArray(); // goes out after the next packet
                    Swapped++;
                    continue;
                }
                _out.Send(packet);
                if (r < 0.025)
                {
                    _out.Send(packet);
                    Duplicated++;
                }
                if (held is not null)
                {
                    _out.Send(held);
                    held = null;
                }
            }
        }

        public void Stop()
        {
            _stop = true;
            _thread.Join();
        }

        public void Dispose()
        {
            Stop();
            _in.Dispose();
            _out.Dispose();
        }
    }
}

/// <summary>Runs only where the kernel delivers multicast on loopback (a group joined on 127.0.0.1); says why otherwise.</summary>
public sealed class MulticastOnLoopbackFactAttribute : FactAttribute
{
    public MulticastOnLoopbackFactAttribute()
    {
        if (Probe() is { } reason)
        {
            Skip = "multicast on loopback is not available here: " + reason;
        }
    }

    private static string? Probe()
    {
        try
        {
            var group = IPAddress.Parse("239.255.42.8");
            using var rx = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            rx.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            rx.Bind(new IPEndPoint(IPAddress.Any, 0));
            int port = ((IPEndPoint)rx.LocalEndPoint!).Port;
            rx.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Loopback));
            rx.ReceiveTimeout = 500;
            using var tx = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            tx.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            tx.SendTo(new byte[] { 1, 2, 3 }, new IPEndPoint(group, port));
            var buf = new byte[16];
            return rx.Receive(buf) == 3 ? null : "the probe datagram came back changed";
        }
        catch (SocketException e)
        {
            return $"the kernel refused ({e.SocketErrorCode}: {e.Message})";
        }
    }
}
