using System.Buffers.Binary;
using LiveGrade.Core.Video;

namespace LiveGrade.Video.Rtp;

/// <summary>How a sender lays lines into packets. A receiver accepts both.</summary>
public enum RtpPacking
{
    /// <summary>
    /// Every packet carries one segment of one line; a line is cut into equal packets (the last may be
    /// shorter), so no packet straddles two lines. What <see cref="RtpSender"/> sends, declared PM=2110GPM
    /// (the general packing mode allows any whole-pixel-group segmenting).
    /// </summary>
    LinePerPacket,

    /// <summary>
    /// Packets are filled to the payload limit: a line that ends inside a packet continues with the next
    /// line's segment behind a second segment header (continuation bit set). This is how GStreamer's
    /// rtpvrawpay packs; LiveGrade uses it to test its receiver against such streams.
    /// </summary>
    Continuous,
}

/// <summary>
/// Cuts frames into RFC 4175 / ST 2110-20 packets. For each packet it writes the 12-octet RTP header
/// (marker on the last packet of the frame), the extended sequence number (the high 16 bits of a 32-bit
/// sequence number whose low 16 bits are the RTP sequence number), the segment headers and the pixel
/// groups, converted from the frame's layout by <see cref="PgroupPacking"/>. A packet never splits a pixel
/// group and never exceeds <see cref="MaxPayloadBytes"/> after the RTP header. No allocation after
/// construction. Not thread-safe: one sender thread owns it.
/// </summary>
public sealed class RtpPacketizer
{
    /// <summary>
    /// Default RTP payload limit in octets. With the 12-octet RTP header the UDP payload is 1440 octets, inside
    /// ST 2110-10's standard UDP size limit (1460) and an Ethernet MTU of 1500 with room for a VLAN tag or tunnel.
    /// </summary>
    public const int DefaultMaxPayloadBytes = 1428;

    /// <summary>The largest payload accepted: a UDP datagram over IPv4 carries at most 65507 octets.</summary>
    public const int LargestPayloadBytes = 65507 - RtpHeader.Size;

    private readonly int _groupsPerLine;
    private readonly int _groupsPerPacket;      // LinePerPacket: groups in every packet of a line but the last
    private readonly int _maxSegments;
    private readonly (int Row, int Offset, int Pixels)[] _segments;
    private VideoFrame? _frame;
    private uint _timestamp;
    private int _row;
    private int _offset;                        // pixels

    public RtpPacketizer(RtpVideoFormat format, int width, int height, int maxPayloadBytes = DefaultMaxPayloadBytes,
        RtpPacking packing = RtpPacking.LinePerPacket)
    {
        if (width <= 0 || height <= 0 || width > RtpSegmentHeader.MaxRowOrOffset + 1 || height > RtpSegmentHeader.MaxRowOrOffset + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: rows and offsets must fit the 15-bit segment fields");
        }
        if (width % format.PgroupPixels != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"{format} needs a width that is a multiple of {format.PgroupPixels}");
        }
        int smallest = RtpSegmentHeader.ExtendedSequenceSize + RtpSegmentHeader.Size + format.PgroupBytes;
        if (maxPayloadBytes < smallest || maxPayloadBytes > LargestPayloadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPayloadBytes), maxPayloadBytes, $"payload limit must be {smallest}..{LargestPayloadBytes} octets");
        }
        Format = format;
        Width = width;
        Height = height;
        MaxPayloadBytes = maxPayloadBytes;
        Packing = packing;
        _groupsPerLine = width / format.PgroupPixels;
        int fitGroups = (maxPayloadBytes - RtpSegmentHeader.ExtendedSequenceSize - RtpSegmentHeader.Size) / format.PgroupBytes;
        int packetsPerLine = (_groupsPerLine + fitGroups - 1) / fitGroups;
        _groupsPerPacket = (_groupsPerLine + packetsPerLine - 1) / packetsPerLine;
        _maxSegments = packing == RtpPacking.LinePerPacket ? 1
            : (maxPayloadBytes - RtpSegmentHeader.ExtendedSequenceSize) / (RtpSegmentHeader.Size + format.PgroupBytes);
        _segments = new (int, int, int)[_maxSegments];
        PacketsPerFrame = packing == RtpPacking.LinePerPacket
            ? height * ((_groupsPerLine + _groupsPerPacket - 1) / _groupsPerPacket)
            : CountContinuousPackets();
    }

    public RtpVideoFormat Format { get; }
    public int Width { get; }
    public int Height { get; }
    public int MaxPayloadBytes { get; }
    public RtpPacking Packing { get; }

    /// <summary>Packets one frame takes (the same for every frame).</summary>
    public int PacketsPerFrame { get; }

    /// <summary>Bytes of the largest datagram written (RTP header included): the size of buffer to pass.</summary>
    public int MaxPacketBytes => RtpHeader.Size + MaxPayloadBytes;

    /// <summary>Dynamic payload type 96-127 (RFC 3551), as in the SDP.</summary>
    public int PayloadType { get; init; } = 96;

    public uint Ssrc { get; init; }

    /// <summary>The 32-bit sequence number of the next packet: low 16 bits in the RTP header, high 16 bits in the payload.</summary>
    public uint NextSequence { get; set; }

    /// <summary>True when every packet of the current frame has been written (or no frame was begun).</summary>
    public bool FrameDone => _frame is null;

    /// <summary>Starts a frame. The caller keeps its reference to the frame until <see cref="FrameDone"/>.</summary>
    public void BeginFrame(VideoFrame frame, uint timestamp)
    {
        if (frame.Width != Width || frame.Height != Height || frame.Format != Format.FramePixelFormat)
        {
            throw new ArgumentException($"frame {frame.Mode} does not match {Width}x{Height} {PixelFormats.Name(Format.FramePixelFormat)}", nameof(frame));
        }
        _frame = frame;
        _timestamp = timestamp;
        _row = 0;
        _offset = 0;
    }

    /// <summary>Writes the next packet of the current frame into <paramref name="packet"/>; returns its length.</summary>
    public int WriteNext(Span<byte> packet)
    {
        var frame = _frame ?? throw new InvalidOperationException("no frame begun");
        if (packet.Length < MaxPacketBytes)
        {
            throw new ArgumentException($"packet buffer needs {MaxPacketBytes} bytes", nameof(packet));
        }
        int count = NextSegments();
        bool last = _row >= Height;

        uint sequence = NextSequence++;
        RtpHeader.Write(packet, last, PayloadType, (ushort)sequence, _timestamp, Ssrc);
        int at = RtpHeader.Size;
        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(at), (ushort)(sequence >> 16));
        at += RtpSegmentHeader.ExtendedSequenceSize;
        for (int i = 0; i < count; i++)
        {
            var (row, offset, pixels) = _segments[i];
            new RtpSegmentHeader(pixels / Format.PgroupPixels * Format.PgroupBytes, false, row, i < count - 1, offset).Write(packet.Slice(at));
            at += RtpSegmentHeader.Size;
        }
        var pixelFormat = Format.FramePixelFormat;
        for (int i = 0; i < count; i++)
        {
            var (row, offset, pixels) = _segments[i];
            int length = pixels / Format.PgroupPixels * Format.PgroupBytes;
            PgroupPacking.Pack(Format, pixelFormat, frame.Row(row), offset, pixels, packet.Slice(at, length));
            at += length;
        }
        if (last)
        {
            _frame = null;
        }
        return at;
    }

    /// <summary>Chooses the segments of the next packet into <see cref="_segments"/> and advances the position.</summary>
    private int NextSegments()
    {
        if (Packing == RtpPacking.LinePerPacket)
        {
            int groups = Math.Min(_groupsPerPacket, _groupsPerLine - _offset / Format.PgroupPixels);
            _segments[0] = (_row, _offset, groups * Format.PgroupPixels);
            Advance(groups);
            return 1;
        }
        int left = MaxPayloadBytes - RtpSegmentHeader.ExtendedSequenceSize;
        int count = 0;
        while (_row < Height && count < _maxSegments && left >= RtpSegmentHeader.Size + Format.PgroupBytes)
        {
            left -= RtpSegmentHeader.Size;
            int groups = Math.Min(_groupsPerLine - _offset / Format.PgroupPixels, left / Format.PgroupBytes);
            _segments[count++] = (_row, _offset, groups * Format.PgroupPixels);
            left -= groups * Format.PgroupBytes;
            Advance(groups);
        }
        return count;
    }

    private void Advance(int groups)
    {
        _offset += groups * Format.PgroupPixels;
        if (_offset >= Width)
        {
            _offset = 0;
            _row++;
        }
    }

    private int CountContinuousPackets()
    {
        int packets = 0;
        _row = 0;
        _offset = 0;
        while (_row < Height)
        {
            NextSegments();
            packets++;
        }
        _row = 0;
        return packets;
    }
}
