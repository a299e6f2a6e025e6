using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveGrade.Core.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>Options of <see cref="RtpReceiver"/>.</summary>
public sealed record RtpReceiverOptions
{
    /// <summary>Local IPv4 address of the interface to join the multicast group on (and to bind unicast to); null: the kernel's choice / the SDP's address.</summary>
    public IPAddress? Interface { get; init; }

    /// <summary>Kernel receive buffer asked for. 1080p50 10-bit is about 4300 packets (6.5 MB of kernel memory) a frame.</summary>
    public int ReceiveBufferBytes { get; init; } = 32 << 20;

    /// <summary>No frame for this long turns the state to <see cref="SourceState.NoSignal"/>.</summary>
    public TimeSpan NoSignalTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Capacity of <see cref="RtpReceiver.Frames"/> (design.md: 3).</summary>
    public int QueueFrames { get; init; } = 3;

    public RtpAssemblerOptions Assembler { get; init; } = new();

    /// <summary>
    /// The best way the receiver may read datagrams (<see cref="RtpReceiveBatching"/>); it falls back from there
    /// where the kernel refuses. Tests force the fallbacks with it.
    /// </summary>
    public RtpReceiveBatching Batching { get; init; } = RtpReceiveBatching.Gro;

    /// <summary>Where the receiver's log lines go (the read path chosen, a fallback); null: standard error.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// An ST 2110-20 / RFC 4175 receiver: an <see cref="IVideoSource"/> for the stream an SDP file (or an
/// <see cref="RtpStreamDescription"/>) describes. It binds the UDP port, joins the multicast group on
/// start and leaves it on stop, and runs one named thread ("lg-rtp-rx NAME") that receives datagrams
/// into one preallocated buffer and hands them to an <see cref="RtpFrameAssembler"/>.
/// <para>
/// Receive path, with no allocation per packet: the socket is non-blocking and read, on Linux, with
/// <c>recvmmsg</c> (up to 32 reads a call into one native buffer allocated once) and UDP_GRO, so that datagrams the
/// kernel coalesced (a GSO sender on this host, a NIC's receive offload) come as one read that is cut back into
/// its datagrams before the frame assembler (<see cref="RtpReceiveBatching"/>); elsewhere, or when asked, with
/// <see cref="Socket.Receive(Span{byte}, SocketFlags, out SocketError)"/> (a status code, no exception and
/// no sender address object). When nothing is there the thread waits in <see cref="Socket.Poll(int, SelectMode)"/>
/// for at most 10 ms, then publishes idle frames and updates the state. The sender's address is not
/// looked at: packets are told apart by payload type and SSRC.
/// </para>
/// <para>Source syntax: <c>sdp:PATH.sdp</c> (<see cref="TryCreate"/>).</para>
/// </summary>
public sealed class RtpReceiver : IVideoSource
{
    private const int PollMicroseconds = 10_000;
    private const int DatagramBufferBytes = 65536; // the largest UDP datagram
    private const int BatchReads = 32;             // reads per recvmmsg: 2 MiB of slots, 1 page each resident for 1.2 KB datagrams

    private readonly RtpReceiverOptions _options;
    private readonly FrameCounters _frameCounters = new();
    private readonly RtpReceiverCounters _rtpCounters = new();
    private readonly object _lifecycle = new();
    private Socket? _socket;
    private Thread? _thread;
    private volatile bool _stopping;
    private volatile SourceState _state = SourceState.Stopped;
    private volatile string? _lastError;
    private long _threadAllocatedBytes;
    private int _receiveBufferBytes;
    private long _threadCpuTicks;
    private volatile RtpReceiveBatching _batching = RtpReceiveBatching.None;

    public RtpReceiver(RtpStreamDescription stream, string? name = null, RtpReceiverOptions? options = null)
    {
        Stream = stream;
        _options = options ?? new RtpReceiverOptions();
        Name = name ?? $"rtp:{stream.Address}:{stream.Port}";
        Frames = new FrameQueue(_options.QueueFrames, _frameCounters);
    }

    /// <summary>A receiver for the stream in an SDP file; bad files fail with <see cref="InputException"/> (file:line).</summary>
    public static RtpReceiver FromSdp(string path, string? name = null, RtpReceiverOptions? options = null) =>
        new(SdpFile.Read(path), name ?? "sdp:" + path, options);

    /// <summary>Creates the receiver for source syntax <c>sdp:PATH.sdp</c>; false when <paramref name="source"/> is another kind of source.</summary>
    public static bool TryCreate(string source, out RtpReceiver? receiver, RtpReceiverOptions? options = null)
    {
        receiver = null;
        if (!source.StartsWith("sdp:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string path = source[4..];
        if (path.Length == 0)
        {
            throw new InputException("sdp: needs a file, e.g. sdp:camera1.sdp");
        }
        receiver = FromSdp(path, source, options);
        return true;
    }

    public string Name { get; }
    public RtpStreamDescription Stream { get; }
    public VideoMode Mode => Stream.Mode;
    public SourceState State => _state;
    public string? LastError => _lastError;
    public FrameCounters Counters => _frameCounters;
    public FrameQueue Frames { get; }

    /// <summary>Packet-level counters (lost, reordered, late, malformed, ...).</summary>
    public RtpReceiverCounters RtpCounters => _rtpCounters;

    /// <summary>The kernel receive buffer granted (bytes, as the kernel reports it).</summary>
    public int ReceiveBufferBytes => Volatile.Read(ref _receiveBufferBytes);

    /// <summary>How datagrams are read now (after <see cref="Start"/>; it may fall back once the kernel refuses a path).</summary>
    public RtpReceiveBatching Batching => _batching;

    /// <summary>
    /// Datagrams the kernel dropped because the receive buffer was full (the receive thread starved of CPU), or
    /// null where the platform does not say. Read from /proc on each call: for diagnostics, not per packet.
    /// With <see cref="RtpReceiveBatching.Gro"/> the kernel counts a dropped coalesced read once, however many
    /// datagrams it held (up to 64): then this is a lower bound, and the sequence numbers tell the rest.
    /// </summary>
    public long? KernelDrops => _socket is { } s ? RtpSockets.KernelDrops(s) : null;

    /// <summary>CPU time the receive thread has used (sampled every 100 ms; zero where the OS does not say).</summary>
    public TimeSpan ThreadCpuTime => TimeSpan.FromTicks(Volatile.Read(ref _threadCpuTicks));

    /// <summary>Bytes the receive thread has allocated since it started (sampled every few ms): stays flat in steady state.</summary>
    public long ReceiveThreadAllocatedBytes => Volatile.Read(ref _threadAllocatedBytes);

    public void Start()
    {
        lock (_lifecycle)
        {
            if (_thread is not null)
            {
                return;
            }
            _stopping = false;
            _lastError = null;
            try
            {
                _socket = OpenSocket();
            }
            catch (SocketException e)
            {
                _lastError = $"cannot receive {Stream.Address}:{Stream.Port}: {e.Message}";
                _state = SourceState.Failed;
                return;
            }
            _state = SourceState.Starting;
            _thread = new Thread(ReceiveLoop) { Name = $"lg-rtp-rx {Name}", IsBackground = true, Priority = ThreadPriority.AboveNormal };
            _thread.Start(_socket);
        }
    }

    public void Stop()
    {
        lock (_lifecycle)
        {
            if (_thread is null)
            {
                _state = SourceState.Stopped;
                return;
            }
            _stopping = true;
            _thread.Join(TimeSpan.FromSeconds(2));
            _thread = null;
            CloseSocket();
            _state = SourceState.Stopped;
        }
    }

    public void Dispose()
    {
        Stop();
        Frames.Dispose();
    }

    private Socket OpenSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var group = Stream.Address;
            Volatile.Write(ref _receiveBufferBytes, RtpSockets.SetReceiveBuffer(socket, _options.ReceiveBufferBytes));
            if (Stream.IsMulticast)
            {
                // Several receivers of one group may share the port; binding the group address (Linux) keeps
                // other groups sent to the same port out.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                socket.Bind(new IPEndPoint(OperatingSystem.IsLinux() ? group : IPAddress.Any, Stream.Port));
                var local = _options.Interface ?? IPAddress.Any;
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, local));
            }
            else
            {
                var bindTo = _options.Interface ?? Stream.Address;
                try
                {
                    socket.Bind(new IPEndPoint(bindTo, Stream.Port));
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable && _options.Interface is null)
                {
                    // The SDP names an address this host does not have (e.g. written for another receiver): listen on all.
                    socket.Bind(new IPEndPoint(IPAddress.Any, Stream.Port));
                }
            }
            socket.Blocking = false;
            _batching = ChooseBatching(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The best path asked for that this system has; one log line says which.</summary>
    private RtpReceiveBatching ChooseBatching(Socket socket)
    {
        var asked = _options.Batching;
        if (asked == RtpReceiveBatching.None)
        {
            Log("one recv per datagram (batching off)");
            return RtpReceiveBatching.None;
        }
        if (!LinuxUdp.IsAvailable)
        {
            Log("one recv per datagram (recvmmsg and UDP GRO need Linux)");
            return RtpReceiveBatching.None;
        }
        if (asked == RtpReceiveBatching.Gro)
        {
            try
            {
                socket.SetRawSocketOption(LinuxUdp.SolUdp, LinuxUdp.UdpGro, BitConverter.GetBytes(1));
                Log($"recvmmsg, up to {BatchReads} reads a call, with UDP GRO");
                return RtpReceiveBatching.Gro;
            }
            catch (SocketException e)
            {
                Log($"recvmmsg, up to {BatchReads} reads a call (no UDP GRO here: {e.SocketErrorCode})");
                return RtpReceiveBatching.Mmsg;
            }
        }
        Log($"recvmmsg, up to {BatchReads} reads a call");
        return RtpReceiveBatching.Mmsg;
    }

    private void Log(string line) => (_options.Log ?? Console.Error.WriteLine)($"rtp receive {Name}: {line}");

    private void CloseSocket()
    {
        var socket = _socket;
        _socket = null;
        if (socket is null)
        {
            return;
        }
        if (Stream.IsMulticast)
        {
            try
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.DropMembership,
                    new MulticastOption(Stream.Address, _options.Interface ?? IPAddress.Any));
            }
            catch (SocketException)
            {
                // Closing the socket leaves the group anyway.
            }
        }
        socket.Dispose();
    }

    private void ReceiveLoop(object? state)
    {
        var socket = (Socket)state!;
        using var assembler = new RtpFrameAssembler(Stream, Frames, _frameCounters, _rtpCounters, _options.Assembler);
        var buffer = GC.AllocateArray<byte>(DatagramBufferBytes, pinned: true);
        using var batch = _batching == RtpReceiveBatching.None ? null : new UdpReceiveBatch(BatchReads);
        long noSignalTicks = (long)(_options.NoSignalTimeout.TotalSeconds * Stopwatch.Frequency);
        long idleCheckTicks = Stopwatch.Frequency / 1000;
        long started = Stopwatch.GetTimestamp();
        long lastFrameAt = started;
        long lastIdleCheck = started;
        long framesSeen = 0;
        long lastCpuSample = started;
        long cpuSampleTicks = Stopwatch.Frequency / 10;
        bool referenced = false;
        try
        {
            // recvmmsg gets the descriptor itself: the handle stays referenced so that Stop's Dispose cannot
            // close it (and the number be reused) while this thread still reads it.
            socket.SafeHandle.DangerousAddRef(ref referenced);
            int fd = (int)socket.SafeHandle.DangerousGetHandle();
            while (!_stopping)
            {
                long now;
                if (batch is not null && _batching != RtpReceiveBatching.None)
                {
                    int reads = batch.Receive(fd, out int errno);
                    now = Stopwatch.GetTimestamp();
                    if (reads > 0)
                    {
                        for (int r = 0; r < reads; r++)
                        {
                            if (batch.Truncated(r))
                            {
                                RtpReceiverCounters.Add(ref _rtpCounters.MalformedField); // larger than any UDP datagram: cannot be ours
                                continue;
                            }
                            foreach (var datagram in UdpReceiveBatch.Segments(batch.Read(r), batch.SegmentSize(r)))
                            {
                                assembler.OnPacket(datagram, now);
                                MarkLiveOnNewFrame(ref framesSeen, ref lastFrameAt, now);
                            }
                        }
                        if (now - lastIdleCheck < idleCheckTicks)
                        {
                            continue;
                        }
                    }
                    else if (errno == LinuxUdp.EAgain)
                    {
                        socket.Poll(PollMicroseconds, SelectMode.SelectRead);
                        now = Stopwatch.GetTimestamp();
                    }
                    else if (errno is LinuxUdp.ENoSys or LinuxUdp.EOpNotSupp)
                    {
                        // Plain reads cannot split a coalesced read: GRO goes off with recvmmsg.
                        if (_batching == RtpReceiveBatching.Gro)
                        {
                            try
                            {
                                socket.SetRawSocketOption(LinuxUdp.SolUdp, LinuxUdp.UdpGro, BitConverter.GetBytes(0));
                            }
                            catch (SocketException)
                            {
                                // GRO was on, so the option exists; nothing else to do if the kernel now refuses.
                            }
                        }
                        _batching = RtpReceiveBatching.None;
                        Log($"the kernel refused recvmmsg ({LinuxUdp.ErrnoName(errno)}); one recv per datagram from now on");
                    }
                    else if (errno is not (LinuxUdp.EIntr or LinuxUdp.EConnRefused))
                    {
                        _lastError = $"receive failed: {LinuxUdp.ErrnoName(errno)}";
                        Thread.Sleep(10);
                    }
                }
                else
                {
                    int n = socket.Receive(buffer, SocketFlags.None, out var error);
                    now = Stopwatch.GetTimestamp();
                    if (error == SocketError.Success)
                    {
                        assembler.OnPacket(buffer.AsSpan(0, n), now);
                        MarkLiveOnNewFrame(ref framesSeen, ref lastFrameAt, now);
                        if (now - lastIdleCheck < idleCheckTicks)
                        {
                            continue;
                        }
                    }
                    else if (error == SocketError.WouldBlock)
                    {
                        socket.Poll(PollMicroseconds, SelectMode.SelectRead);
                        now = Stopwatch.GetTimestamp();
                    }
                    else if (error == SocketError.MessageSize)
                    {
                        RtpReceiverCounters.Add(ref _rtpCounters.MalformedField); // larger than any UDP datagram: cannot be ours
                    }
                    else if (error is not (SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.Interrupted))
                    {
                        _lastError = $"receive failed: {error}";
                        Thread.Sleep(10);
                    }
                }

                // Now and then (every ms while packets flow, after every wait when quiet).
                lastIdleCheck = now;
                assembler.OnIdle(now);
                long received = _frameCounters.Received;
                if (received != framesSeen)
                {
                    framesSeen = received;
                    lastFrameAt = now;
                    _state = SourceState.Live;
                }
                else if (now - lastFrameAt > noSignalTicks && _state is SourceState.Live or SourceState.Starting)
                {
                    _state = SourceState.NoSignal;
                }
                Volatile.Write(ref _threadAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                if (now - lastCpuSample > cpuSampleTicks)
                {
                    lastCpuSample = now;
                    Volatile.Write(ref _threadCpuTicks, Rtp.ThreadCpuTime.Now().Ticks);
                }
            }
            assembler.Flush();
        }
        catch (Exception e)
        {
            // Never out of the thread (IVideoSource): a broken socket, or a bug, becomes Failed with one line.
            _lastError = $"receive stopped: {e.GetType().Name}: {e.Message}";
            _state = SourceState.Failed;
        }
        finally
        {
            if (referenced)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Live as soon as a frame is out, not at the next idle check: a consumer that has the frame must not still
    /// read "no signal" from the state. Checked after every datagram (one counter read).
    /// </summary>
    private void MarkLiveOnNewFrame(ref long framesSeen, ref long lastFrameAt, long now)
    {
        if (_frameCounters.Received != framesSeen)
        {
            framesSeen = _frameCounters.Received;
            lastFrameAt = now;
            _state = SourceState.Live;
        }
    }
}
