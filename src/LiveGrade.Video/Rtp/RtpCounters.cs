using System.Globalization;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// What an RTP receiver saw, always on. Written by the receive thread only (plain stores published with
/// <see cref="Volatile"/>), read by anyone through <see cref="Snapshot"/>.
/// </summary>
public sealed class RtpReceiverCounters
{
    internal long PacketsField;
    internal long BytesField;
    internal long ReorderedField;
    internal long DuplicatesField;
    internal long LateField;
    internal long MalformedField;
    internal long ForeignField;
    internal long RestartsField;
    internal long FramesCompleteField;
    internal long FramesIncompleteField;
    internal long LinesConcealedField;
    internal long FramesDroppedField;
    internal long LostField;

    internal static void Add(ref long field, long n = 1) => Volatile.Write(ref field, field + n);

    public RtpReceiverCountersSnapshot Snapshot() => new(
        Packets: Volatile.Read(ref PacketsField),
        Bytes: Volatile.Read(ref BytesField),
        Lost: Volatile.Read(ref LostField),
        Reordered: Volatile.Read(ref ReorderedField),
        Duplicates: Volatile.Read(ref DuplicatesField),
        Late: Volatile.Read(ref LateField),
        Malformed: Volatile.Read(ref MalformedField),
        Foreign: Volatile.Read(ref ForeignField),
        Restarts: Volatile.Read(ref RestartsField),
        FramesComplete: Volatile.Read(ref FramesCompleteField),
        FramesIncomplete: Volatile.Read(ref FramesIncompleteField),
        LinesConcealed: Volatile.Read(ref LinesConcealedField),
        FramesDropped: Volatile.Read(ref FramesDroppedField));
}

/// <summary>
/// The receiver's counters at one moment.
/// Packets: RTP packets of the stream accepted (duplicates and late ones included); Bytes: their datagram bytes;
/// Lost: sequence numbers that never arrived; Reordered: packets that arrived after a later one and were used;
/// Duplicates: packets seen twice (ignored); Late: packets whose frame was already published, or far outside
/// the sequence window (ignored); Malformed: datagrams or segments that break RFC 4175 (too short, bad
/// header, segment outside the picture; ignored); Foreign: packets of another payload type or SSRC (ignored);
/// Restarts: times the sender's numbering or SSRC started again; FramesComplete / FramesIncomplete: frames
/// published whole / with lines concealed; LinesConcealed: lines taken from the previous frame (or black);
/// FramesDropped: frames never published (no free frame in the pool, or no packet of them arrived).
/// </summary>
public readonly record struct RtpReceiverCountersSnapshot(
    long Packets, long Bytes, long Lost, long Reordered, long Duplicates, long Late, long Malformed, long Foreign,
    long Restarts, long FramesComplete, long FramesIncomplete, long LinesConcealed, long FramesDropped)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"frames {FramesComplete} complete, {FramesIncomplete} incomplete ({LinesConcealed} lines concealed), {FramesDropped} dropped; " +
        $"packets {Packets} ({Lost} lost, {Reordered} reordered, {Duplicates} duplicate, {Late} late, {Malformed} malformed, {Foreign} foreign); restarts {Restarts}");
}

/// <summary>What an RTP sender did. Written by the send thread only, read through <see cref="Snapshot"/>.</summary>
public sealed class RtpSenderCounters
{
    internal long FramesField;
    internal long PacketsField;
    internal long BytesField;
    internal long SendErrorsField;
    internal long LatePacketsField;
    internal long LateFramesField;

    internal static void Add(ref long field, long n = 1) => Volatile.Write(ref field, field + n);

    public RtpSenderCountersSnapshot Snapshot() => new(
        Volatile.Read(ref FramesField), Volatile.Read(ref PacketsField), Volatile.Read(ref BytesField),
        Volatile.Read(ref SendErrorsField), Volatile.Read(ref LatePacketsField), Volatile.Read(ref LateFramesField));
}

/// <summary>
/// The sender's counters at one moment. Frames/Packets/Bytes: sent (bytes are UDP payload octets);
/// SendErrors: datagrams the kernel refused (no listener on a unicast port, buffer full);
/// LatePackets: packets sent more than <see cref="RtpSender.LatePacketThreshold"/> after their paced time
/// (the send thread was not scheduled in time); LateFrames: frames that started after their slot.
/// </summary>
public readonly record struct RtpSenderCountersSnapshot(long Frames, long Packets, long Bytes, long SendErrors, long LatePackets, long LateFrames)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"frames {Frames} sent ({LateFrames} late), packets {Packets} ({LatePackets} late, {SendErrors} send errors), {Bytes / 1e6:0.0} MB");
}
