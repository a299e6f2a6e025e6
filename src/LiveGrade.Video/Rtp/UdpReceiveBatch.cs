using System.Runtime.InteropServices;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// Reads up to <see cref="Messages"/> UDP reads per <c>recvmmsg</c> into slots of one native buffer, allocated
/// once with the message, iovec and control arrays that point into it. A read is one datagram, or, on a socket
/// with UDP_GRO, several datagrams of one flow that the kernel coalesced: then <see cref="SegmentSize"/> says
/// their size (every one but the last has it) and <see cref="Segments"/> cuts the read back into them.
/// Owned by the receive thread; Linux only.
/// </summary>
internal sealed unsafe class UdpReceiveBatch : IDisposable
{
    /// <summary>Room for the largest read: a UDP datagram, or a coalesced read (at most 64 KiB).</summary>
    public const int SlotBytes = 65536;

    /// <summary>Control room per read: the UDP_GRO message (24 bytes) and room for one more.</summary>
    private const int ControlBytes = 64;

    private byte* _buffer;
    private byte* _control;
    private LinuxUdp.MMsgHdr* _messages;
    private LinuxUdp.IoVec* _iovecs;

    public UdpReceiveBatch(int messages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        Messages = messages;
        // Only the pages a read touches become resident: a 1.2 KB datagram touches one page of its 64 KiB slot.
        _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)messages * SlotBytes, 4096);
        _control = (byte*)NativeMemory.AllocZeroed((nuint)messages * ControlBytes);
        _messages = (LinuxUdp.MMsgHdr*)NativeMemory.AllocZeroed((nuint)messages, (nuint)sizeof(LinuxUdp.MMsgHdr));
        _iovecs = (LinuxUdp.IoVec*)NativeMemory.AllocZeroed((nuint)messages, (nuint)sizeof(LinuxUdp.IoVec));
        for (int i = 0; i < messages; i++)
        {
            _iovecs[i].Base = _buffer + (nint)i * SlotBytes;
            _iovecs[i].Length = SlotBytes;
            _messages[i].Header.Iov = _iovecs + i;
            _messages[i].Header.IovLength = 1;
            _messages[i].Header.Control = _control + i * ControlBytes;
        }
    }

    /// <summary>Reads one call takes at most.</summary>
    public int Messages { get; }

    /// <summary>
    /// Reads what the socket holds, up to <see cref="Messages"/> reads, without waiting; returns how many, or -1
    /// with <paramref name="errno"/> (EAGAIN: nothing there).
    /// </summary>
    public int Receive(int fd, out int errno)
    {
        for (int i = 0; i < Messages; i++)
        {
            // The kernel writes back how much control data it used; each call starts with the full room again.
            _messages[i].Header.ControlLength = ControlBytes;
            _messages[i].Header.Flags = 0;
        }
        int n = LinuxUdp.RecvMMsg(fd, _messages, (uint)Messages, LinuxUdp.MsgDontWait, null);
        errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
        return n;
    }

    /// <summary>Read <paramref name="index"/> of the last <see cref="Receive"/>.</summary>
    public ReadOnlySpan<byte> Read(int index) =>
        new(_buffer + (nint)index * SlotBytes, (int)Math.Min(_messages[index].Length, (uint)SlotBytes));

    /// <summary>True when read <paramref name="index"/> was longer than its slot (cut off: not a datagram of ours).</summary>
    public bool Truncated(int index) => (_messages[index].Header.Flags & LinuxUdp.MsgTrunc) != 0;

    /// <summary>The size of the datagrams coalesced into read <paramref name="index"/> (UDP_GRO), or 0 for a read of one datagram.</summary>
    public int SegmentSize(int index) =>
        LinuxUdp.GroSegmentSize(_control + index * ControlBytes, _messages[index].Header.ControlLength);

    /// <summary>
    /// The datagrams of a read: cut every <paramref name="segmentSize"/> bytes (the last may be shorter); the whole
    /// read when <paramref name="segmentSize"/> is 0 or not smaller than it. An empty read is one empty datagram.
    /// </summary>
    public static SegmentEnumerator Segments(ReadOnlySpan<byte> read, int segmentSize) => new(read, segmentSize);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_buffer);
        NativeMemory.Free(_control);
        NativeMemory.Free(_messages);
        NativeMemory.Free(_iovecs);
        _buffer = null;
        _control = null;
        _messages = null;
        _iovecs = null;
    }

    /// <summary>A foreach over the datagrams of a coalesced read (a ref struct: no allocation).</summary>
    public ref struct SegmentEnumerator
    {
        private readonly ReadOnlySpan<byte> _read;
        private readonly int _size;
        private int _at;
        private bool _started;

        public SegmentEnumerator(ReadOnlySpan<byte> read, int segmentSize)
        {
            _read = read;
            _size = segmentSize > 0 && segmentSize < read.Length ? segmentSize : Math.Max(1, read.Length);
            _at = 0;
            _started = false;
            Current = default;
        }

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly SegmentEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_started && _at >= _read.Length)
            {
                return false;
            }
            _started = true;
            int length = Math.Min(_size, _read.Length - _at);
            Current = _read.Slice(_at, length);
            _at += length;
            return true;
        }
    }
}
