using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>Options of <see cref="RtpSender"/>.</summary>
public sealed record RtpSenderOptions
{
    /// <summary>Local IPv4 address to send from: the multicast interface (IP_MULTICAST_IF) and the bound address. Null: the kernel's route.</summary>
    public IPAddress? Interface { get; init; }

    /// <summary>Where the SDP file goes; null: only <see cref="RtpSender.Sdp"/> holds it.</summary>
    public string? SdpPath { get; init; }

    /// <summary>RTP payload limit (octets after the RTP header); see <see cref="RtpPacketizer.DefaultMaxPayloadBytes"/>.</summary>
    public int MaxPayloadBytes { get; init; } = RtpPacketizer.DefaultMaxPayloadBytes;

    public int PayloadType { get; init; } = 96;

    /// <summary>SSRC; random when null (RFC 3550 §8.1).</summary>
    public uint? Ssrc { get; init; }

    /// <summary>First 32-bit sequence number; random when null. Tests set it near a wrap.</summary>
    public uint? InitialSequence { get; init; }

    /// <summary>
    /// Pacing granularity: packets go out in bursts of as many packets as fall due in this interval, the
    /// thread sleeping in between (shorter: smoother output, more wake-ups). 100 µs at 1080p50 10-bit is
    /// bursts of 23 packets, 10,000 wake-ups a second.
    /// </summary>
    public TimeSpan BurstInterval { get; init; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Frames waiting to be sent at most; older ones are dropped (counted) when the source runs ahead.</summary>
    public int QueueFrames { get; init; } = 2;

    /// <summary>How lines are cut into packets; <see cref="RtpPacking.LinePerPacket"/> is what the SDP's PM=2110GPM promises best.</summary>
    public RtpPacking Packing { get; init; } = RtpPacking.LinePerPacket;

    /// <summary>Kernel send buffer asked for.</summary>
    public int SendBufferBytes { get; init; } = 4 << 20;

    /// <summary>
    /// The best way the sender may hand packets to the kernel (<see cref="RtpSendBatching"/>); it falls back from
    /// there where the kernel refuses. Tests force the fallbacks with it.
    /// </summary>
    public RtpSendBatching Batching { get; init; } = RtpSendBatching.Gso;

    /// <summary>Where the sender's log lines go (the send path chosen, a fallback); null: standard error.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// An ST 2110-20 / RFC 4175 sender: an <see cref="IVideoSink"/> that sends frames of one mode as RTP over
/// UDP, unicast or multicast (TTL from the description), and writes the SDP of the stream
/// (<see cref="SdpFile"/>) when it starts.
/// <para>
/// Timing. The RTP timestamp is the 90 kHz media clock at the frame's <see cref="VideoFrame.CaptureTimestamp"/>,
/// counted from the Unix epoch of the system clock (ST 2110-10 counts from the PTP epoch; without a PTP clock
/// the SDP says <c>a=ts-refclk:local</c>). A frame within half a frame of the next slot of the cadence gets
/// exactly that slot's timestamp, so scheduling jitter of the source does not reach the wire (receivers
/// count frame gaps from timestamps); a frame further off starts a new cadence at its own time.
/// Packets are paced across the frame in the ST 2110-21 "gapped" manner: evenly over the active part of
/// the frame period (1080 of 1125 lines for 1080p, 720 of 750, 2160 of 2250), nothing in the vertical
/// blanking part, in small bursts (<see cref="RtpSenderOptions.BurstInterval"/>). A software sender
/// behind the kernel's UDP stack cannot promise a narrow sender's (TPN) few-packet bursts, so the SDP
/// declares TP=2110TPW (wide).
/// </para>
/// <para>
/// Kernel path: a burst is packed back to back into one buffer and handed to the kernel in as few system calls
/// as it takes (<see cref="RtpSendBatching"/>): with UDP GSO one <c>sendmsg</c> per run of equal-sized packets
/// (a whole burst at 1080p, whose packets are all 1220 bytes), else one <c>sendmmsg</c> per burst, else one
/// <c>send</c> per packet. Pacing is the same on every path: bursts leave at the same times.
/// </para>
/// <para>Threading: <see cref="Send"/> is called by the output clock and never blocks (a bounded queue, drop
/// oldest); one named thread ("lg-rtp-tx NAME") packs and sends. No allocation per packet or frame.</para>
/// </summary>
public sealed class RtpSender : IVideoSink
{
    /// <summary>A packet sent this long after its paced time counts as late.</summary>
    public static readonly TimeSpan LatePacketThreshold = TimeSpan.FromMicroseconds(500);

    private readonly RtpSenderOptions _options;
    private readonly FrameCounters _frameCounters = new();
    private readonly RtpSenderCounters _rtpCounters = new();
    private readonly FrameQueue _queue;
    private readonly RtpPacketizer _packetizer;
    private readonly object _lifecycle = new();
    private readonly long _framePeriodTicksNumerator;   // frame period = numerator / rate numerator (Stopwatch ticks)
    private readonly long _activeTicks;
    private readonly int _burstPackets;
    private Socket? _socket;
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile string? _lastError;
    private long _epoch90k;            // media clock (90 kHz since the Unix epoch) at _epochStopwatch
    private long _epochStopwatch;
    private bool _haveTimestamp;
    private long _timestampAnchor;     // media clock of the frame that began the current cadence
    private long _framesSinceAnchor;
    private bool _haveSlot;
    private long _slotAnchor;
    private long _slotIndex;
    private long _threadCpuTicks;
    private volatile RtpSendBatching _batching = RtpSendBatching.None;

    public RtpSender(RtpStreamDescription stream, string? name = null, RtpSenderOptions? options = null)
    {
        _options = options ?? new RtpSenderOptions();
        if (_options.PayloadType is < 96 or > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.PayloadType, "dynamic payload types are 96..127");
        }
        Stream = stream with
        {
            PayloadType = _options.PayloadType,
            PackingMode = "2110GPM",
            Ssn = "ST2110-20:2017",
            TrafficShaping = "2110TPW",
        };
        Name = name ?? $"rtp:{stream.Address}:{stream.Port}";
        _queue = new FrameQueue(_options.QueueFrames, _frameCounters);
        _packetizer = new RtpPacketizer(stream.Format, stream.Width, stream.Height, _options.MaxPayloadBytes, _options.Packing)
        {
            PayloadType = _options.PayloadType,
            Ssrc = _options.Ssrc ?? (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue),
            NextSequence = _options.InitialSequence ?? (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue),
        };
        _framePeriodTicksNumerator = Stopwatch.Frequency * stream.Rate.Denominator;
        long period = _framePeriodTicksNumerator / stream.Rate.Numerator;
        _activeTicks = period * stream.Height / TotalLines(stream.Height);
        long spacing = Math.Max(1, _activeTicks / _packetizer.PacketsPerFrame);
        long burstTicks = (long)(_options.BurstInterval.TotalSeconds * Stopwatch.Frequency);
        _burstPackets = (int)Math.Clamp((burstTicks + spacing - 1) / spacing, 1, _packetizer.PacketsPerFrame);
    }

    public string Name { get; }

    /// <summary>The stream as sent (the SDP's contents).</summary>
    public RtpStreamDescription Stream { get; private set; }

    public VideoMode Mode => Stream.Mode;
    public FrameCounters Counters => _frameCounters;
    public RtpSenderCounters RtpCounters => _rtpCounters;
    public string? LastError => _lastError;

    /// <summary>Packets in every frame.</summary>
    public int PacketsPerFrame => _packetizer.PacketsPerFrame;

    /// <summary>Packets sent back to back between two sleeps.</summary>
    public int BurstPackets => _burstPackets;

    /// <summary>The socket while started (tests set options on it that make the kernel refuse a path).</summary>
    internal Socket? Socket => _socket;

    /// <summary>How packets go to the kernel now (after <see cref="Start"/>; it may fall back once the kernel refuses a path).</summary>
    public RtpSendBatching Batching => _batching;

    /// <summary>Packets handed to the kernel in one batch at most (the burst, up to the 64 segments a GSO send takes).</summary>
    public int BatchPackets => Math.Min(_burstPackets, LinuxUdp.MaxGsoSegments);

    /// <summary>CPU time the send thread has used (sampled after every frame; zero where the OS does not say).</summary>
    public TimeSpan ThreadCpuTime => TimeSpan.FromTicks(Volatile.Read(ref _threadCpuTicks));

    /// <summary>The SDP text (after <see cref="Start"/>, with the sending address in the o= line).</summary>
    public string Sdp => SdpFile.Format(Stream);

    /// <summary>Opens the socket, writes the SDP file and starts the send thread. Socket errors throw (bad destination or interface).</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_thread is not null)
            {
                return;
            }
            _socket = OpenSocket();
            _batching = ChooseBatching(_socket);
            if (_socket.LocalEndPoint is IPEndPoint { Address: var local } && !local.Equals(IPAddress.Any))
            {
                Stream = Stream with { Origin = local };
            }
            if (_options.SdpPath is { } path)
            {
                SdpFile.Write(path, Stream);
            }
            // Media clock anchor: the system clock now, followed by the monotonic Stopwatch from here on.
            _epochStopwatch = Stopwatch.GetTimestamp();
            _epoch90k = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 9 / 1000;
            _stopping = false;
            _thread = new Thread(SendLoop) { Name = $"lg-rtp-tx {Name}", IsBackground = true, Priority = ThreadPriority.AboveNormal };
            _thread.Start(_socket);
        }
    }

    public bool Send(VideoFrame frame)
    {
        if (frame.Width != Stream.Width || frame.Height != Stream.Height || frame.Format != Stream.Format.FramePixelFormat)
        {
            _lastError = $"frame {frame.Mode} does not match the stream {Stream.Mode}";
            _frameCounters.CountDropped();
            return false;
        }
        if (_thread is null)
        {
            _frameCounters.CountDropped();
            return false;
        }
        _frameCounters.CountReceived();
        _queue.Add(frame.AddRef());
        return true;
    }

    public void Stop()
    {
        lock (_lifecycle)
        {
            if (_thread is null)
            {
                return;
            }
            _stopping = true;
            _thread.Join(TimeSpan.FromSeconds(2));
            _thread = null;
            _socket?.Dispose();
            _socket = null;
        }
    }

    public void Dispose()
    {
        Stop();
        _queue.Dispose();
    }

    /// <summary>Total lines of the raster whose active part is <paramref name="height"/> lines (SMPTE ST 296, ST 274, ST 2036-1); 1125/1080 of it otherwise.</summary>
    public static int TotalLines(int height) => height switch
    {
        480 or 486 => 525,
        576 => 625,
        720 => 750,
        1080 => 1125,
        2160 => 2250,
        4320 => 4500,
        _ => (int)((long)height * 1125 / 1080),
    };

    private Socket OpenSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            RtpSockets.SetSendBuffer(socket, _options.SendBufferBytes);
            socket.Bind(new IPEndPoint(_options.Interface ?? IPAddress.Any, 0));
            if (Stream.IsMulticast)
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, Stream.Ttl ?? 1);
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
                if (_options.Interface is { } iface)
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, iface.GetAddressBytes());
                }
            }
            socket.Connect(new IPEndPoint(Stream.Address, Stream.Port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The best path asked for that this system has; one log line says which.</summary>
    private RtpSendBatching ChooseBatching(Socket socket)
    {
        var asked = _options.Batching;
        if (asked == RtpSendBatching.None)
        {
            Log($"{Name}: one send per packet (batching off)");
            return RtpSendBatching.None;
        }
        if (!LinuxUdp.IsAvailable)
        {
            Log($"{Name}: one send per packet (sendmmsg and UDP GSO need Linux)");
            return RtpSendBatching.None;
        }
        if (asked == RtpSendBatching.Gso)
        {
            try
            {
                // Probe: a kernel without UDP GSO (before 4.18) does not know the option (ENOPROTOOPT).
                Span<byte> value = stackalloc byte[sizeof(int)];
                socket.GetRawSocketOption(LinuxUdp.SolUdp, LinuxUdp.UdpSegment, value);
                Log($"{Name}: UDP GSO, up to {BatchPackets} packets a send");
                return RtpSendBatching.Gso;
            }
            catch (SocketException e)
            {
                Log($"{Name}: sendmmsg, up to {BatchPackets} packets a call (no UDP GSO here: {e.SocketErrorCode})");
                return RtpSendBatching.Mmsg;
            }
        }
        Log($"{Name}: sendmmsg, up to {BatchPackets} packets a call");
        return RtpSendBatching.Mmsg;
    }

    private void FallBack(RtpSendBatching to, string why)
    {
        _batching = to;
        Log($"{Name}: {why}; {(to == RtpSendBatching.Mmsg ? $"sendmmsg, up to {BatchPackets} packets a call," : "one send per packet")} from now on");
    }

    private void Log(string line) => (_options.Log ?? Console.Error.WriteLine)("rtp send " + line);

    private void SendLoop(object? state)
    {
        var socket = (Socket)state!;
        var packet = GC.AllocateArray<byte>(_packetizer.MaxPacketBytes, pinned: true);
        using var batch = _batching == RtpSendBatching.None ? null : new UdpSendBatch(BatchPackets, _packetizer.MaxPacketBytes);
        bool referenced = false;
        try
        {
            // The descriptor goes to libc directly: the handle stays referenced so that Stop's Dispose cannot
            // close it (and the number be reused) while this thread still sends on it.
            socket.SafeHandle.DangerousAddRef(ref referenced);
            int fd = (int)socket.SafeHandle.DangerousGetHandle();
            while (!_stopping)
            {
                var frame = _queue.TryTake();
                if (frame is null)
                {
                    _queue.WaitForFrame(50);
                    continue;
                }
                try
                {
                    SendFrame(socket, fd, frame, packet, batch);
                }
                finally
                {
                    frame.Release();
                }
                Volatile.Write(ref _threadCpuTicks, Rtp.ThreadCpuTime.Now().Ticks);
            }
        }
        catch (Exception e)
        {
            // Never out of the thread: the sink stops sending and says why in one line.
            _lastError = $"send stopped: {e.GetType().Name}: {e.Message}";
        }
        finally
        {
            if (referenced)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    private void SendFrame(Socket socket, int fd, VideoFrame frame, byte[] packet, UdpSendBatch? batch)
    {
        long now = Stopwatch.GetTimestamp();
        long start = now;
        if (_haveSlot)
        {
            long slot = _slotAnchor + _slotIndex * _framePeriodTicksNumerator / Stream.Rate.Numerator;
            if (slot >= now)
            {
                start = slot;
                PreciseSleep.Sleep(slot - now);
            }
            else if (now - slot > _activeTicks / 4)
            {
                RtpSenderCounters.Add(ref _rtpCounters.LateFramesField); // the frame came after its slot had begun
            }
        }
        if (!_haveSlot || start == now)
        {
            // (Re)anchor the frame grid at this frame.
            _haveSlot = true;
            _slotAnchor = start;
            _slotIndex = 0;
        }
        _slotIndex++;

        _packetizer.BeginFrame(frame, NextTimestamp(frame));
        int count = _packetizer.PacketsPerFrame;
        long lateTicks = (long)(LatePacketThreshold.TotalSeconds * Stopwatch.Frequency);
        for (int i = 0; i < count; i += _burstPackets)
        {
            long due = start + _activeTicks * i / count;
            long t = Stopwatch.GetTimestamp();
            if (due > t)
            {
                PreciseSleep.Sleep(due - t);
            }
            else if (t - due > lateTicks)
            {
                RtpSenderCounters.Add(ref _rtpCounters.LatePacketsField, Math.Min(_burstPackets, count - i));
            }
            int burst = Math.Min(_burstPackets, count - i);
            if (batch is null || _batching == RtpSendBatching.None)
            {
                for (int k = 0; k < burst; k++)
                {
                    SendOne(socket, packet.AsSpan(0, _packetizer.WriteNext(packet)));
                }
                continue;
            }
            for (int done = 0; done < burst;)
            {
                int chunk = Math.Min(burst - done, batch.Capacity);
                batch.Clear();
                for (int k = 0; k < chunk; k++)
                {
                    batch.Commit(_packetizer.WriteNext(batch.Free));
                }
                SendBatch(socket, fd, batch);
                done += chunk;
            }
        }
        RtpSenderCounters.Add(ref _rtpCounters.FramesField);
    }

    private void SendOne(Socket socket, ReadOnlySpan<byte> datagram)
    {
        socket.Send(datagram, SocketFlags.None, out var error);
        if (error == SocketError.Success)
        {
            RtpSenderCounters.Add(ref _rtpCounters.PacketsField);
            RtpSenderCounters.Add(ref _rtpCounters.BytesField, datagram.Length);
        }
        else
        {
            // No listener on a unicast port (ICMP refused), buffers full: the stream goes on.
            RtpSenderCounters.Add(ref _rtpCounters.SendErrorsField);
        }
    }

    /// <summary>
    /// Sends every packet of the batch on the current path, counting each packet once: sent (packets, bytes) or
    /// refused (send errors). A path the kernel refuses as such is left for the next one, which sends the rest.
    /// </summary>
    private void SendBatch(Socket socket, int fd, UdpSendBatch batch)
    {
        int first = 0;
        while (first < batch.Count)
        {
            switch (_batching)
            {
                case RtpSendBatching.Gso:
                {
                    int run = batch.GsoRun(first);
                    int errno = batch.SendGso(fd, first, run);
                    if (errno == 0)
                    {
                        RtpSenderCounters.Add(ref _rtpCounters.PacketsField, run);
                        RtpSenderCounters.Add(ref _rtpCounters.BytesField, batch.Bytes(first, run));
                        first += run;
                    }
                    else if (errno is LinuxUdp.EInval or LinuxUdp.ENoProtoOpt or LinuxUdp.EIo or LinuxUdp.EMsgSize or LinuxUdp.EOpNotSupp)
                    {
                        // The route cannot segment (no checksum offload, IPsec), or a segment is over its MTU: the
                        // same packets go out one datagram per message.
                        FallBack(RtpSendBatching.Mmsg, $"the kernel refused UDP GSO ({LinuxUdp.ErrnoName(errno)})");
                    }
                    else if (errno != LinuxUdp.EIntr)
                    {
                        // ICMP refused, buffers full: the run is lost, the stream goes on.
                        RtpSenderCounters.Add(ref _rtpCounters.SendErrorsField, run);
                        first += run;
                    }
                    break;
                }
                case RtpSendBatching.Mmsg:
                {
                    int errno = batch.SendMMsg(fd, first, out int sent);
                    if (errno == 0 && sent > 0)
                    {
                        RtpSenderCounters.Add(ref _rtpCounters.PacketsField, sent);
                        RtpSenderCounters.Add(ref _rtpCounters.BytesField, batch.Bytes(first, sent));
                        first += sent;
                    }
                    else if (errno is LinuxUdp.ENoSys or LinuxUdp.EOpNotSupp)
                    {
                        FallBack(RtpSendBatching.None, $"the kernel refused sendmmsg ({LinuxUdp.ErrnoName(errno)})");
                    }
                    else if (errno != LinuxUdp.EIntr)
                    {
                        // The first message failed (after a partial call the kernel reports nothing; this retry
                        // then meets the error): that packet is lost, as one send would lose it.
                        RtpSenderCounters.Add(ref _rtpCounters.SendErrorsField);
                        first++;
                    }
                    break;
                }
                default:
                    SendOne(socket, batch.Packet(first));
                    first++;
                    break;
            }
        }
    }

    private uint NextTimestamp(VideoFrame frame)
    {
        long elapsed = frame.CaptureTimestamp - _epochStopwatch;
        long media = _epoch90k + (long)((Int128)elapsed * 90000 / Stopwatch.Frequency);
        double perFrame = Stream.TimestampsPerFrame;
        if (_haveTimestamp)
        {
            // The next frame on the cadence since the anchor (exact for 30000/1001 and 24000/1001 too).
            long predicted = _timestampAnchor + (long)Math.Round((_framesSinceAnchor + 1) * perFrame);
            if (Math.Abs(media - predicted) < perFrame / 2)
            {
                _framesSinceAnchor++;
                return (uint)predicted;
            }
        }
        // First frame, or the source skipped frames or jumped: its own time starts a new cadence.
        _haveTimestamp = true;
        _timestampAnchor = media;
        _framesSinceAnchor = 0;
        return (uint)media;
    }
}
