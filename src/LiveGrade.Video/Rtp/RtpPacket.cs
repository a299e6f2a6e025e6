using System.Buffers.Binary;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// The fixed part of an RTP packet (RFC 3550 §5.1) as LiveGrade reads it: where the payload is, and the
/// fields the video payload needs. A plain value, parsed from the datagram in place.
/// </summary>
public readonly record struct RtpHeader(bool Marker, int PayloadType, ushort Sequence, uint Timestamp, uint Ssrc, int PayloadOffset, int PayloadLength)
{
    /// <summary>Octets of the fixed header that LiveGrade writes (no CSRC, no extension, no padding).</summary>
    public const int Size = 12;

    /// <summary>
    /// Reads the header of <paramref name="packet"/>. False for anything that is not a well-formed RTP
    /// version 2 packet: too short, wrong version, CSRC list, header extension or padding running past the end.
    /// CSRCs and header extensions are skipped, padding is removed from the payload length.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header)
    {
        header = default;
        if (packet.Length < Size || packet[0] >> 6 != 2)
        {
            return false;
        }
        bool padding = (packet[0] & 0x20) != 0;
        bool extension = (packet[0] & 0x10) != 0;
        int offset = Size + (packet[0] & 0x0F) * 4;
        if (extension)
        {
            if (packet.Length < offset + 4)
            {
                return false;
            }
            offset += 4 + BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(offset + 2)) * 4;
        }
        int end = packet.Length;
        if (padding)
        {
            int pad = packet[^1];
            if (pad == 0)
            {
                return false;
            }
            end -= pad;
        }
        if (end < offset)
        {
            return false;
        }
        header = new RtpHeader(
            Marker: (packet[1] & 0x80) != 0,
            PayloadType: packet[1] & 0x7F,
            Sequence: BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2)),
            Timestamp: BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(4)),
            Ssrc: BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(8)),
            PayloadOffset: offset,
            PayloadLength: end - offset);
        return true;
    }

    /// <summary>Writes a 12-octet version 2 header with no padding, extension or CSRC.</summary>
    public static void Write(Span<byte> packet, bool marker, int payloadType, ushort sequence, uint timestamp, uint ssrc)
    {
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(8), ssrc);
    }
}

/// <summary>
/// One sample row data segment header of the RFC 4175 / ST 2110-20 payload (6 octets): the segment's length
/// in octets, the field bit and 15-bit row number, the continuation bit (another header follows) and the
/// 15-bit offset of its first pixel in the row.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |   Extended Sequence Number    |            Length             |   (ext. seq. once per packet)
/// |F|          Line No            |C|           Offset            |
/// </code>
/// </summary>
public readonly record struct RtpSegmentHeader(int Length, bool Field, int Row, bool Continuation, int Offset)
{
    public const int Size = 6;

    /// <summary>Octets before the first segment header: the extended sequence number.</summary>
    public const int ExtendedSequenceSize = 2;

    /// <summary>Largest row number and pixel offset the 15-bit fields can carry.</summary>
    public const int MaxRowOrOffset = 0x7FFF;

    public static RtpSegmentHeader Read(ReadOnlySpan<byte> at) => new(
        Length: BinaryPrimitives.ReadUInt16BigEndian(at),
        Field: (at[2] & 0x80) != 0,
        Row: (at[2] & 0x7F) << 8 | at[3],
        Continuation: (at[4] & 0x80) != 0,
        Offset: (at[4] & 0x7F) << 8 | at[5]);

    public void Write(Span<byte> at)
    {
        BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)Length);
        at[2] = (byte)((Field ? 0x80 : 0) | (Row >> 8 & 0x7F));
        at[3] = (byte)Row;
        at[4] = (byte)((Continuation ? 0x80 : 0) | (Offset >> 8 & 0x7F));
        at[5] = (byte)Offset;
    }
}
