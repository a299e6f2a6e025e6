using System.Runtime.InteropServices;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// Packets of one burst, written back to back into one native buffer (allocated once), and sent with as few
/// system calls as a path allows: <see cref="SendGso"/> one run of equal-sized packets per call,
/// <see cref="SendMMsg"/> all of them per call. The message and iovec arrays point into the buffer and are
/// built once; nothing is allocated per packet or per burst. Owned by the send thread; Linux only.
/// </summary>
internal sealed unsafe class UdpSendBatch : IDisposable
{
    private readonly int _maxPacketBytes;
    private readonly int[] _offsets;                 // packet i: [_offsets[i], _offsets[i + 1])
    private byte* _buffer;
    private LinuxUdp.MMsgHdr* _messages;
    private LinuxUdp.IoVec* _iovecs;
    private byte* _control;                          // the UDP_SEGMENT control message of a GSO send
    private int _count;

    public UdpSendBatch(int capacity, int maxPacketBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _maxPacketBytes = maxPacketBytes;
        _offsets = new int[capacity + 1];
        _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)capacity * (nuint)maxPacketBytes, 64);
        _messages = (LinuxUdp.MMsgHdr*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(LinuxUdp.MMsgHdr));
        _iovecs = (LinuxUdp.IoVec*)NativeMemory.AllocZeroed((nuint)capacity + 1, (nuint)sizeof(LinuxUdp.IoVec)); // the last: GSO's
        _control = (byte*)NativeMemory.AllocZeroed(LinuxUdp.ControlSpace);
        for (int i = 0; i < capacity; i++)
        {
            _messages[i].Header.Iov = _iovecs + i;
            _messages[i].Header.IovLength = 1;
        }
        var cmsg = (LinuxUdp.CMsgHdr*)_control;
        cmsg->Length = (nuint)LinuxUdp.ControlLength(sizeof(ushort));
        cmsg->Level = LinuxUdp.SolUdp;
        cmsg->Type = LinuxUdp.UdpSegment;
    }

    /// <summary>Packets the batch holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Packets written since <see cref="Clear"/>.</summary>
    public int Count => _count;

    /// <summary>Where the next packet goes: room for the largest packet, right after the last one.</summary>
    public Span<byte> Free => _count < Capacity
        ? new Span<byte>(_buffer + _offsets[_count], _maxPacketBytes)
        : throw new InvalidOperationException("the batch is full");

    /// <summary>Takes the <paramref name="length"/> bytes just written at <see cref="Free"/> as the next packet.</summary>
    public void Commit(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)_maxPacketBytes, nameof(length));
        int start = _offsets[_count];
        _iovecs[_count].Base = _buffer + start;
        _iovecs[_count].Length = (nuint)length;
        _offsets[++_count] = start + length;
    }

    public void Clear() => _count = 0;

    public int Length(int packet) => _offsets[packet + 1] - _offsets[packet];

    public ReadOnlySpan<byte> Packet(int packet) => new(_buffer + _offsets[packet], Length(packet));

    /// <summary>Bytes of packets [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>).</summary>
    public long Bytes(int first, int count) => _offsets[first + count] - _offsets[first];

    /// <summary>
    /// How many packets from <paramref name="first"/> one GSO send may carry: a run of packets the size of the
    /// first, which may end with one shorter packet (the kernel cuts every segment but the last to the first's
    /// size), at most <see cref="LinuxUdp.MaxGsoSegments"/> and <see cref="LinuxUdp.MaxGsoBytes"/>.
    /// </summary>
    public int GsoRun(int first)
    {
        int size = Length(first);
        int n = 1;
        long total = size;
        while (first + n < _count && n < LinuxUdp.MaxGsoSegments)
        {
            int next = Length(first + n);
            if (next > size || total + next > LinuxUdp.MaxGsoBytes)
            {
                break;
            }
            total += next;
            n++;
            if (next < size)
            {
                break;
            }
        }
        return n;
    }

    /// <summary>Sends packets [first, first + count) (a <see cref="GsoRun"/>) in one sendmsg with UDP_SEGMENT; returns 0 or errno.</summary>
    public int SendGso(int fd, int first, int count)
    {
        var iov = _iovecs + Capacity;
        iov->Base = _buffer + _offsets[first];
        iov->Length = (nuint)Bytes(first, count);
        *(ushort*)(_control + sizeof(LinuxUdp.CMsgHdr)) = (ushort)Length(first);
        var message = new LinuxUdp.MsgHdr
        {
            Iov = iov,
            IovLength = 1,
            Control = _control,
            ControlLength = LinuxUdp.ControlSpace,
        };
        return LinuxUdp.SendMsg(fd, &message, 0) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }

    /// <summary>
    /// Sends packets from <paramref name="first"/> to the end in one sendmmsg; <paramref name="sent"/> says how many
    /// went (the kernel stops at the first that fails, and reports its error only when it is the first). Returns 0 or errno.
    /// </summary>
    public int SendMMsg(int fd, int first, out int sent)
    {
        int r = LinuxUdp.SendMMsg(fd, _messages + first, (uint)(_count - first), 0);
        if (r < 0)
        {
            sent = 0;
            return Marshal.GetLastPInvokeError();
        }
        sent = r;
        return 0;
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        NativeMemory.Free(_messages);
        NativeMemory.Free(_iovecs);
        NativeMemory.Free(_control);
        _buffer = null;
        _messages = null;
        _iovecs = null;
        _control = null;
    }
}
