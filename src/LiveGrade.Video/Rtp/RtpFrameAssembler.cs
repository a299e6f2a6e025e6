using System.Buffers.Binary;
using System.Diagnostics;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>Tuning of <see cref="RtpFrameAssembler"/>; the defaults suit 720p to 2160p on a LAN or loopback.</summary>
public sealed record RtpAssemblerOptions
{
    /// <summary>Frames assembled at once: the newest and the ones whose late packets may still come (2: one frame of reordering across a frame boundary).</summary>
    public int Slots { get; init; } = 2;

    /// <summary>
    /// Packets that must arrive after a frame's last one before it is given up as incomplete (its missing
    /// packets are then lost, not reordered). 256 packets is about 1.2 ms of 1080p50 10-bit.
    /// </summary>
    public int ReorderPackets { get; init; } = 256;

    /// <summary>A frame with no packet for this long is published as it is (its marker was lost and no later frame came). Default: two frame periods.</summary>
    public TimeSpan? IdleFlush { get; init; }

    /// <summary>How long the current sender (SSRC) must be silent before packets of another SSRC are followed (a restarted sender).</summary>
    public TimeSpan SsrcTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Frames in the pool: the slots, the previous frame kept for concealment, and the consumers' share
    /// (the output queue's capacity plus one in use). Too few and frames are dropped (counted).
    /// </summary>
    public int PoolFrames { get; init; } = 8;
}

/// <summary>
/// Turns the RTP packets of one ST 2110-20 / RFC 4175 stream into frames. Packets are placed by their
/// segment headers (row number and pixel offset), never by arrival order, so reordering within a frame
/// needs no buffering and a lost packet leaves a hole in its own lines only, never shifts the picture.
/// Frames are told apart by RTP timestamp; a frame is published when all its pixels have arrived, or, when
/// packets are missing, once <see cref="RtpAssemblerOptions.ReorderPackets"/> later packets have arrived
/// (its marker seen, or a later frame begun), when a newer frame completes, or after
/// <see cref="RtpAssemblerOptions.IdleFlush"/> of silence. Incomplete frames are published with their
/// incomplete lines copied from the previous frame (black when there is none) and
/// <see cref="FrameFlags.Concealed"/> set. Packets of frames already published are counted late and
/// ignored; garbage, short and foreign packets are counted and ignored: nothing a packet holds can throw.
/// <para>Threading: one thread (the receive thread) calls everything; counters are read from anywhere.
/// No allocation per packet or frame: the frames come from a pool allocated here.</para>
/// </summary>
public sealed class RtpFrameAssembler : IDisposable
{
    /// <summary>A timestamp this far (10 s at 90 kHz) from the last frame starts a new timeline instead of being late or a gap.</summary>
    private const int MaxTimestampJump = 900_000;

    private readonly RtpStreamDescription _stream;
    private readonly RtpVideoFormat _format;
    private readonly PixelFormat _pixelFormat;
    private readonly FrameQueue _output;
    private readonly FrameCounters _frameCounters;
    private readonly RtpReceiverCounters _counters;
    private readonly FramePool _pool;
    private readonly Slot[] _slots;
    private readonly RtpSequenceTracker _sequence = new();
    private readonly long _pixelsPerFrame;
    private readonly int _reorderPackets;
    private readonly long _idleFlushTicks;
    private readonly long _ssrcTimeoutTicks;
    private readonly double _timestampsPerFrame;
    private VideoFrame? _previous;
    private bool _havePublished;
    private uint _lastTimestamp;
    private long _frameNumber = -1;
    private bool _ssrcLocked;
    private uint _ssrc;
    private long _ssrcLastSeen;

    public RtpFrameAssembler(RtpStreamDescription stream, FrameQueue output, FrameCounters frameCounters, RtpReceiverCounters counters,
        RtpAssemblerOptions? options = null)
    {
        options ??= new RtpAssemblerOptions();
        if (options.Slots < 1 || options.PoolFrames < options.Slots + 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "need at least one slot and a pool of slots + 2 frames");
        }
        _stream = stream;
        _format = stream.Format;
        _pixelFormat = stream.Format.FramePixelFormat;
        _output = output;
        _frameCounters = frameCounters;
        _counters = counters;
        _pool = new FramePool(stream.Mode, options.PoolFrames);
        _slots = new Slot[options.Slots];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot(stream.Height);
        }
        _pixelsPerFrame = (long)stream.Width * stream.Height;
        _reorderPackets = options.ReorderPackets;
        _timestampsPerFrame = stream.TimestampsPerFrame;
        var idle = options.IdleFlush ?? TimeSpan.FromTicks(stream.Rate.FrameDuration.Ticks * 2);
        _idleFlushTicks = (long)(idle.TotalSeconds * Stopwatch.Frequency);
        _ssrcTimeoutTicks = (long)(options.SsrcTimeout.TotalSeconds * Stopwatch.Frequency);
    }

    public RtpStreamDescription Stream => _stream;

    /// <summary>The sequence tracker (loss figures, whether the sender fills the extended sequence number).</summary>
    public RtpSequenceTracker Sequence => _sequence;

    /// <summary>Frames rented from the pool that could not be had (the consumers held too many).</summary>
    public long PoolExhausted => _pool.Exhausted;

    /// <summary>Handles one datagram received at <paramref name="now"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void OnPacket(ReadOnlySpan<byte> datagram, long now)
    {
        if (!RtpHeader.TryParse(datagram, out var header)
            || header.PayloadLength < RtpSegmentHeader.ExtendedSequenceSize + RtpSegmentHeader.Size)
        {
            RtpReceiverCounters.Add(ref _counters.MalformedField);
            return;
        }
        if (header.PayloadType != _stream.PayloadType)
        {
            RtpReceiverCounters.Add(ref _counters.ForeignField);
            return;
        }
        if (!_ssrcLocked)
        {
            _ssrcLocked = true;
            _ssrc = header.Ssrc;
        }
        else if (header.Ssrc != _ssrc)
        {
            if (now - _ssrcLastSeen < _ssrcTimeoutTicks)
            {
                RtpReceiverCounters.Add(ref _counters.ForeignField);
                return;
            }
            // The sender we followed went quiet and another speaks: a restarted sender. Follow it.
            NewTimeline();
            _sequence.Restart();
            _ssrc = header.Ssrc;
            RtpReceiverCounters.Add(ref _counters.RestartsField);
        }
        _ssrcLastSeen = now;
        RtpReceiverCounters.Add(ref _counters.PacketsField);
        RtpReceiverCounters.Add(ref _counters.BytesField, datagram.Length);

        var payload = datagram.Slice(header.PayloadOffset, header.PayloadLength);
        ushort extended = BinaryPrimitives.ReadUInt16BigEndian(payload);
        switch (_sequence.Update(header.Sequence, extended, out long index))
        {
            case SequenceVerdict.Duplicate:
                RtpReceiverCounters.Add(ref _counters.DuplicatesField);
                return;
            case SequenceVerdict.OutOfWindow:
                RtpReceiverCounters.Add(ref _counters.LateField);
                return;
            case SequenceVerdict.Restarted:
                NewTimeline();
                RtpReceiverCounters.Add(ref _counters.RestartsField);
                break;
            case SequenceVerdict.Reordered:
                RtpReceiverCounters.Add(ref _counters.ReorderedField);
                break;
        }
        Volatile.Write(ref _counters.LostField, _sequence.Lost);

        var slot = Find(header.Timestamp);
        if (slot is null)
        {
            if (_havePublished)
            {
                int sinceLast = (int)(header.Timestamp - _lastTimestamp);
                if (sinceLast <= 0 && sinceLast > -MaxTimestampJump)
                {
                    RtpReceiverCounters.Add(ref _counters.LateField); // its frame was already published
                    return;
                }
                if (sinceLast <= -MaxTimestampJump || sinceLast >= MaxTimestampJump)
                {
                    NewTimeline(); // the sender's clock jumped: start again rather than count a huge gap
                }
            }
            if (!HasFreeSlot() && Oldest() is { } oldest && Newer(oldest.Timestamp, header.Timestamp))
            {
                // Older than every frame in assembly with no room for it: making room would publish a newer frame first.
                RtpReceiverCounters.Add(ref _counters.LateField);
                return;
            }
            slot = Open(header.Timestamp, index);
        }

        WriteSegments(payload, slot);
        if (header.Marker)
        {
            slot.Marker = true;
        }
        if (index > slot.LastIndex)
        {
            slot.LastIndex = index;
        }
        slot.LastArrival = now;
        if (slot.Pixels >= _pixelsPerFrame)
        {
            PublishThrough(slot);
        }
        else
        {
            PublishOverdue();
        }
    }

    /// <summary>Publishes frames that have had no packet for the idle-flush time. Call when the socket is quiet, and now and then.</summary>
    public void OnIdle(long now)
    {
        Slot? newestIdle = null;
        foreach (var s in _slots)
        {
            if (s.Active && now - s.LastArrival > _idleFlushTicks && (newestIdle is null || Newer(s.Timestamp, newestIdle.Timestamp)))
            {
                newestIdle = s; // everything up to the newest idle frame goes
            }
        }
        if (newestIdle is not null)
        {
            PublishThrough(newestIdle);
        }
    }

    /// <summary>Publishes every frame in assembly as it is (the stream stopped).</summary>
    public void Flush()
    {
        while (Oldest() is { } s)
        {
            Publish(s);
        }
    }

    public void Dispose()
    {
        foreach (var s in _slots)
        {
            s.Frame?.Release();
            s.Frame = null;
            s.Active = false;
        }
        _previous?.Release();
        _previous = null;
    }

    private void WriteSegments(ReadOnlySpan<byte> payload, Slot slot)
    {
        int pgroupBytes = _format.PgroupBytes, pgroupPixels = _format.PgroupPixels;
        int width = _stream.Width, height = _stream.Height;
        int headers = RtpSegmentHeader.ExtendedSequenceSize;
        int data = headers;
        int count = 0;
        while (true)
        {
            if (payload.Length - data < RtpSegmentHeader.Size)
            {
                RtpReceiverCounters.Add(ref _counters.MalformedField); // the header list runs past the packet
                return;
            }
            bool more = (payload[data + 4] & 0x80) != 0;
            data += RtpSegmentHeader.Size;
            count++;
            if (!more)
            {
                break;
            }
        }
        for (int i = 0; i < count; i++, headers += RtpSegmentHeader.Size)
        {
            var seg = RtpSegmentHeader.Read(payload.Slice(headers));
            if (seg.Length > payload.Length - data)
            {
                RtpReceiverCounters.Add(ref _counters.MalformedField); // data shorter than the headers say
                return;
            }
            int pixels = seg.Length / pgroupBytes * pgroupPixels;
            if (seg.Field || seg.Length % pgroupBytes != 0 || seg.Row >= height || seg.Offset % pgroupPixels != 0 || seg.Offset + pixels > width)
            {
                RtpReceiverCounters.Add(ref _counters.MalformedField); // outside the picture or not whole pixel groups
            }
            else if (pixels > 0)
            {
                if (slot.Frame is { } frame)
                {
                    PgroupPacking.Unpack(_format, _pixelFormat, payload.Slice(data, seg.Length), frame.Row(seg.Row), seg.Offset, pixels);
                }
                int before = slot.Coverage[seg.Row];
                int after = Math.Min(width, before + pixels); // a sender that overlaps segments cannot make a line look whole
                slot.Coverage[seg.Row] = after;
                slot.Pixels += after - before;
            }
            data += seg.Length;
        }
    }

    private Slot? Find(uint timestamp)
    {
        foreach (var s in _slots)
        {
            if (s.Active && s.Timestamp == timestamp)
            {
                return s;
            }
        }
        return null;
    }

    private bool HasFreeSlot()
    {
        foreach (var s in _slots)
        {
            if (!s.Active)
            {
                return true;
            }
        }
        return false;
    }

    private Slot Open(uint timestamp, long index)
    {
        Slot? free = null;
        foreach (var s in _slots)
        {
            if (!s.Active)
            {
                free = s;
                break;
            }
        }
        if (free is null)
        {
            // Every slot busy: the oldest frame will get no more time.
            free = Oldest()!;
            Publish(free);
        }
        free.Active = true;
        free.Timestamp = timestamp;
        free.Frame = _pool.TryRent();
        Array.Clear(free.Coverage);
        free.Pixels = 0;
        free.Marker = false;
        free.LastIndex = index;
        return free;
    }

    /// <summary>Publishes <paramref name="target"/> and every older frame in assembly, oldest first.</summary>
    private void PublishThrough(Slot target)
    {
        uint limit = target.Timestamp;
        while (Oldest() is { } s && !Newer(s.Timestamp, limit))
        {
            Publish(s);
        }
    }

    /// <summary>Publishes frames whose missing packets can no longer be reordering: their marker or a later frame was seen, and the window passed.</summary>
    private void PublishOverdue()
    {
        Slot? newest = null;
        foreach (var s in _slots)
        {
            if (s.Active && (newest is null || Newer(s.Timestamp, newest.Timestamp)))
            {
                newest = s;
            }
        }
        Slot? through = null;
        foreach (var s in _slots)
        {
            if (s.Active && (s.Marker || s != newest) && _sequence.Highest - s.LastIndex > _reorderPackets
                && (through is null || Newer(s.Timestamp, through.Timestamp)))
            {
                through = s;
            }
        }
        if (through is not null)
        {
            PublishThrough(through);
        }
    }

    private Slot? Oldest()
    {
        Slot? oldest = null;
        foreach (var s in _slots)
        {
            if (s.Active && (oldest is null || Newer(oldest.Timestamp, s.Timestamp)))
            {
                oldest = s;
            }
        }
        return oldest;
    }

    private void Publish(Slot slot)
    {
        slot.Active = false;
        var frame = slot.Frame;
        slot.Frame = null;
        long step = 1;
        if (_havePublished)
        {
            int diff = (int)(slot.Timestamp - _lastTimestamp);
            step = Math.Max(1, (long)Math.Round(diff / _timestampsPerFrame));
            if (step > 1)
            {
                // Whole frames of which no packet arrived.
                RtpReceiverCounters.Add(ref _counters.FramesDroppedField, step - 1);
                _frameCounters.CountDropped(step - 1);
            }
        }
        _frameNumber += step;
        _havePublished = true;
        _lastTimestamp = slot.Timestamp;

        if (frame is null)
        {
            RtpReceiverCounters.Add(ref _counters.FramesDroppedField);
            _frameCounters.CountDropped();
            return;
        }
        if (slot.Pixels < _pixelsPerFrame)
        {
            Conceal(slot, frame);
            frame.Flags |= FrameFlags.Concealed;
            RtpReceiverCounters.Add(ref _counters.FramesIncompleteField);
        }
        else
        {
            RtpReceiverCounters.Add(ref _counters.FramesCompleteField);
        }
        frame.Sequence = _frameNumber;
        frame.Matrix = _stream.Matrix;
        frame.Range = _stream.Range;
        _previous?.Release();
        _previous = frame.AddRef();
        _frameCounters.CountReceived();
        _output.Add(frame); // hands over the slot's reference
    }

    private void Conceal(Slot slot, VideoFrame frame)
    {
        int width = _stream.Width;
        long concealed = 0;
        for (int row = 0; row < slot.Coverage.Length; row++)
        {
            if (slot.Coverage[row] >= width)
            {
                continue;
            }
            if (_previous is not null)
            {
                _previous.Row(row).CopyTo(frame.Row(row));
            }
            else
            {
                PgroupPacking.FillBlack(_pixelFormat, frame.Row(row), width, _stream.Range);
            }
            concealed++;
        }
        RtpReceiverCounters.Add(ref _counters.LinesConcealedField, concealed);
    }

    /// <summary>Publishes what is in assembly and forgets the timestamp history (the sender restarted or its clock jumped).</summary>
    private void NewTimeline()
    {
        Flush();
        _havePublished = false;
    }

    /// <summary>True when RTP timestamp <paramref name="a"/> is later than <paramref name="b"/> (modulo 2^32).</summary>
    private static bool Newer(uint a, uint b) => (int)(a - b) > 0;

    private sealed class Slot(int height)
    {
        public bool Active;
        public uint Timestamp;
        public VideoFrame? Frame;
        public readonly int[] Coverage = new int[height];   // pixels received per row
        public long Pixels;
        public bool Marker;
        public long LastIndex;
        public long LastArrival;
    }
}
