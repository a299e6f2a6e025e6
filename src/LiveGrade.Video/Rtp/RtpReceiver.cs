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
}

/// <summary>
/// An ST 2110-20 / RFC 4175 receiver: an <see cref="IVideoSource"/> for the stream an SDP file (or an
/// <see cref="RtpStreamDescription"/>) describes. It binds the UDP port, joins the multicast group on
/// start and leaves it on stop, and runs one named thread ("lg-rtp-rx NAME") that receives datagrams
/// into one preallocated buffer and hands them to an <see cref="RtpFrameAssembler"/>.
/// <para>
/// Receive path, with no allocation per packet: the socket is non-blocking and read with
/// <see cref="Socket.Receive(Span{byte}, SocketFlags, out SocketError)"/> (a status code, no exception and
/// no sender address object); when it reports WouldBlock the thread waits in <see cref="Socket.Poll(int, SelectMode)"/>
/// for at most 10 ms, then publishes idle frames and updates the state. The sender's address is not
/// looked at: packets are told apart by payload type and SSRC.
/// </para>
/// <para>Source syntax: <c>sdp:PATH.sdp</c> (<see cref="TryCreate"/>).</para>
/// </summary>
public sealed class RtpReceiver : IVideoSource
{
    private const int PollMicroseconds = 10_000;
    private const int DatagramBufferBytes = 65536; // the largest UDP datagram

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

    /// <summary>
    /// Datagrams the kernel dropped because the receive buffer was full (the receive thread starved of CPU), or
    /// null where the platform does not say. Read from /proc on each call: for diagnostics, not per packet.
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
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

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
        long noSignalTicks = (long)(_options.NoSignalTimeout.TotalSeconds * Stopwatch.Frequency);
        long idleCheckTicks = Stopwatch.Frequency / 1000;
        long started = Stopwatch.GetTimestamp();
        long lastFrameAt = started;
        long lastIdleCheck = started;
        long framesSeen = 0;
        long lastCpuSample = started;
        long cpuSampleTicks = Stopwatch.Frequency / 10;
        try
        {
            while (!_stopping)
            {
                int n = socket.Receive(buffer, SocketFlags.None, out var error);
                long now = Stopwatch.GetTimestamp();
                if (error == SocketError.Success)
                {
                    assembler.OnPacket(buffer.AsSpan(0, n), now);
                    if (_frameCounters.Received != framesSeen)
                    {
                        // Live as soon as a frame is out, not at the next idle check: a consumer that has the frame
                        // must not still read "no signal" from the state.
                        framesSeen = _frameCounters.Received;
                        lastFrameAt = now;
                        _state = SourceState.Live;
                    }
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
    }
}
