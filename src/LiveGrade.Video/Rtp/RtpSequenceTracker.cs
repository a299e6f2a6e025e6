namespace LiveGrade.Video.Rtp;

/// <summary>What one packet's sequence number says about it.</summary>
public enum SequenceVerdict
{
    /// <summary>The next packet, or ahead of it (the packets between are missing so far).</summary>
    Ahead,

    /// <summary>Behind the highest seen, not seen before: it arrived out of order and is still used.</summary>
    Reordered,

    /// <summary>Seen before: ignore.</summary>
    Duplicate,

    /// <summary>Too far behind or ahead to belong to the stream: ignored, unless the next packet follows it (a restart).</summary>
    OutOfWindow,

    /// <summary>The sender restarted its numbering (two consecutive packets far from the old numbering): counting starts again from this packet.</summary>
    Restarted,
}

/// <summary>
/// Extends RTP sequence numbers to a 64-bit packet index, finds losses, reordering and duplicates
/// (the approach of RFC 3550 appendix A.1, widened to the 32-bit sequence number of ST 2110-20).
/// <para>
/// ST 2110-20 puts the high 16 bits of a 32-bit sequence number in the payload (the extended sequence
/// number), so a receiver can tell a wrap from a long outage. Some RFC 4175 senders leave that field 0
/// (GStreamer's rtpvrawpay writes 0 always): the tracker trusts the field until the low 16 bits wrap while
/// the field stays put, and from then on extends the 16-bit number itself. A sender whose field has once
/// been seen to count (non-zero, or stepping at a 16-bit wrap) is trusted for good.
/// </para>
/// <para>Duplicates are found with a bitmap of the last 65536 indexes. Single-threaded: the receive thread owns it.</para>
/// </summary>
public sealed class RtpSequenceTracker
{
    /// <summary>How far behind the highest index a packet may arrive and still be used (packets).</summary>
    public const int ReorderLimit = 16384;

    /// <summary>
    /// The largest forward jump accepted without a restart check when the 32-bit number is in use: about 80 s
    /// of 1080p50 10-bit. With 16 bits only, any jump up to 32767 is taken as loss (nothing better is possible).
    /// </summary>
    public const int MaxForwardJump = 1 << 24;

    private const int BitmapBits = 1 << 16;
    private readonly ulong[] _seen = new ulong[BitmapBits / 64];
    private bool _started;
    private bool _extendedInUse = true;
    private bool _extendedConfirmed;
    private long _first;
    private long _highest;
    private long _uniqueInEpoch;
    private long _lostBeforeRestart;
    private uint _badNext;
    private bool _badNextValid;

    /// <summary>The highest packet index seen (meaningful after the first packet).</summary>
    public long Highest => _highest;

    /// <summary>Distinct packets counted (duplicates and out-of-window packets excluded).</summary>
    public long Unique { get; private set; }

    /// <summary>Packets missing so far: indexes up to the highest that never arrived (RFC 3550 "cumulative number of packets lost").</summary>
    public long Lost => _lostBeforeRestart + (_started ? _highest - _first + 1 - _uniqueInEpoch : 0);

    /// <summary>False once the sender was seen leaving the extended field unchanged across a 16-bit wrap.</summary>
    public bool ExtendedFieldInUse => _extendedInUse;

    /// <summary>Forgets the numbering (a new SSRC); counts since construction are kept.</summary>
    public void Restart()
    {
        if (_started)
        {
            _lostBeforeRestart += _highest - _first + 1 - _uniqueInEpoch;
        }
        _started = false;
        _extendedInUse = true;
        _extendedConfirmed = false;
        _badNextValid = false;
        Array.Clear(_seen);
    }

    /// <summary>Classifies one packet from its RTP sequence number and the payload's extended sequence number.</summary>
    public SequenceVerdict Update(ushort sequence, ushort extended, out long index)
    {
        uint full = (uint)extended << 16 | sequence;
        if (!_started)
        {
            Start(extended, full);
            index = _highest;
            return SequenceVerdict.Ahead;
        }

        int d16 = (short)(sequence - (ushort)_highest);
        long delta;
        if (_extendedInUse)
        {
            int d32 = (int)(full - (uint)_highest);
            int low = (ushort)_highest + d16;
            bool wrapped16 = low is > ushort.MaxValue or < 0;
            if (d32 != d16 && !_extendedConfirmed && Math.Abs(d16) < ReorderLimit)
            {
                // The low 16 bits moved a little but the 32-bit number did not follow: the field is not maintained.
                _extendedInUse = false;
                delta = d16;
            }
            else
            {
                if (extended != 0 || (wrapped16 && d32 == d16))
                {
                    _extendedConfirmed = true;
                }
                delta = d32;
            }
        }
        else
        {
            delta = d16;
        }

        uint raw = _extendedInUse ? full : sequence;
        long limitAhead = _extendedInUse ? MaxForwardJump : short.MaxValue;
        if (delta > limitAhead || delta <= -ReorderLimit)
        {
            if (_badNextValid && raw == _badNext)
            {
                Restart();
                Start(extended, full);
                index = _highest;
                return SequenceVerdict.Restarted;
            }
            _badNext = _extendedInUse ? raw + 1 : (ushort)(raw + 1);
            _badNextValid = true;
            index = _highest + delta;
            return SequenceVerdict.OutOfWindow;
        }
        _badNextValid = false;

        index = _highest + delta;
        if (delta > 0)
        {
            Forget(_highest + 1, delta);
            _highest = index;
            Mark(index);
            Counted();
            return SequenceVerdict.Ahead;
        }
        if (IsMarked(index))
        {
            return SequenceVerdict.Duplicate;
        }
        Mark(index);
        Counted();
        if (index < _first)
        {
            _first = index; // arrived ahead of the packet the count started from
        }
        return SequenceVerdict.Reordered;
    }

    private void Start(ushort extended, uint full)
    {
        _started = true;
        _extendedConfirmed = extended != 0;
        _extendedInUse = true;
        _highest = full;
        _first = _highest;
        _uniqueInEpoch = 0;
        _badNextValid = false;
        Array.Clear(_seen);
        Mark(_highest);
        Counted();
    }

    private void Counted()
    {
        _uniqueInEpoch++;
        Unique++;
    }

    private void Mark(long index) => _seen[(index & (BitmapBits - 1)) >> 6] |= 1UL << (int)(index & 63);

    private bool IsMarked(long index) => (_seen[(index & (BitmapBits - 1)) >> 6] & (1UL << (int)(index & 63))) != 0;

    /// <summary>Clears the bits of indexes [from, from+count) so their slots can hold new packets.</summary>
    private void Forget(long from, long count)
    {
        if (count >= BitmapBits)
        {
            Array.Clear(_seen);
            return;
        }
        for (long i = from; i < from + count; i++)
        {
            _seen[(i & (BitmapBits - 1)) >> 6] &= ~(1UL << (int)(i & 63));
        }
    }
}
