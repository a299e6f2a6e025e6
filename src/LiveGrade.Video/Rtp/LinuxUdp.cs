using System.Runtime.InteropServices;

namespace LiveGrade.Video.Rtp;

/// <summary>
/// The Linux socket calls that move many UDP datagrams per system call, which System.Net.Sockets does not
/// offer: <c>sendmmsg</c>/<c>recvmmsg</c> (one call, many messages), UDP generic segmentation offload
/// (<c>UDP_SEGMENT</c>, Linux 4.18: one send of several equal datagrams written back to back, cut apart by the
/// kernel or the NIC) and UDP generic receive offload (<c>UDP_GRO</c>, Linux 5.0: datagrams of one flow handed up
/// as one read, with their size in a control message). At 1080p50 10-bit a stream is 216,000 datagrams a
/// second; one system call each is most of a core, so the RTP sender and receiver batch them.
/// <para>
/// The structures are the LP64 glibc layouts of x86-64 and arm64 Linux (identical on both; musl's differ only
/// in padding that is zero here). Every call sets errno (<see cref="Marshal.GetLastPInvokeError"/>); the errno
/// numbers below are the asm-generic ones, shared by both architectures. Callers keep the socket's handle
/// referenced (<see cref="SafeHandle.DangerousAddRef"/>) for as long as they pass its descriptor here.
/// </para>
/// </summary>
internal static unsafe partial class LinuxUdp
{
    public const int SolUdp = 17;          // SOL_UDP = IPPROTO_UDP
    public const int UdpSegment = 103;     // <linux/udp.h>: int (socket option) or u16 (cmsg), the GSO segment size
    public const int UdpGro = 104;         // <linux/udp.h>: int; on reads a cmsg with the segment size (int)

    public const int MsgTrunc = 0x20;      // msg_flags: the datagram was longer than the buffer
    public const int MsgDontWait = 0x40;

    public const int EIntr = 4;
    public const int EIo = 5;              // GSO: the route's device cannot checksum (xfrm, UDP-Lite)
    public const int EAgain = 11;
    public const int EInval = 22;          // GSO: too many segments, no UDP checksum, bad size
    public const int ENoSys = 38;
    public const int EMsgSize = 90;        // GSO (newer kernels): a segment larger than the path MTU
    public const int ENoProtoOpt = 92;     // UDP_SEGMENT / UDP_GRO unknown to this kernel
    public const int EOpNotSupp = 95;
    public const int EConnRefused = 111;   // a pending ICMP port unreachable

    /// <summary>
    /// Segments one GSO send may carry: UDP_MAX_SEGMENTS, 64 until Linux 6.9 (128 since); the smaller is used.
    /// A send also stays within one IPv4 datagram: <see cref="MaxGsoBytes"/>.
    /// </summary>
    public const int MaxGsoSegments = 64;

    /// <summary>UDP payload of a GSO send at most: 65535 (IP_MAX_MTU) less the IPv4 and UDP headers.</summary>
    public const int MaxGsoBytes = 65535 - 20 - 8;

    /// <summary>CMSG_SPACE(sizeof(ushort)) = CMSG_SPACE(sizeof(int)): a 16-byte header, the value padded to 8.</summary>
    public const int ControlSpace = 24;

    private static readonly Lazy<bool> s_available = new(Probe);

    /// <summary>True where these calls exist (Linux, a libc that exports them); elsewhere the sender and receiver use one call per datagram.</summary>
    public static bool IsAvailable => s_available.Value;

    /// <summary>Binds the three entry points with calls that do nothing (no descriptor): a missing one throws here, not on the stream.</summary>
    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            var message = default(MsgHdr);
            _ = SendMsg(-1, &message, 0);
            _ = SendMMsg(-1, null, 0, 0);
            _ = RecvMMsg(-1, null, 0, 0, null);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>struct iovec: one buffer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (56 bytes: 4 padding bytes after NameLength and after Flags).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;                 // null: the connected peer (send), not wanted (receive)
        public uint NameLength;            // socklen_t
        public IoVec* Iov;
        public nuint IovLength;
        public byte* Control;
        public nuint ControlLength;        // in: room; out (receive): used
        public int Flags;                  // out (receive): MSG_TRUNC, ...
    }

    /// <summary>struct mmsghdr (64 bytes): a message and, after the call, its length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    /// <summary>struct cmsghdr (16 bytes); the data follows at the next 8-byte boundary (here: right after).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CMsgHdr
    {
        public nuint Length;               // CMSG_LEN: header plus data, without trailing padding
        public int Level;
        public int Type;
    }

    /// <summary>CMSG_LEN(n).</summary>
    public static int ControlLength(int dataBytes) => sizeof(CMsgHdr) + dataBytes;

    /// <summary>CMSG_ALIGN(n): control messages start on 8-byte boundaries.</summary>
    public static int ControlAlign(int bytes) => (bytes + 7) & ~7;

    /// <summary>
    /// The GSO segment size in a received message's control data (a UDP_GRO control message), or 0 when the
    /// read is one datagram.
    /// </summary>
    public static int GroSegmentSize(byte* control, nuint used)
    {
        int at = 0;
        while ((nuint)(at + sizeof(CMsgHdr)) <= used)
        {
            var header = (CMsgHdr*)(control + at);
            if (header->Length < (nuint)sizeof(CMsgHdr) || (nuint)at + header->Length > used)
            {
                return 0;
            }
            if (header->Level == SolUdp && header->Type == UdpGro && header->Length >= (nuint)ControlLength(sizeof(int)))
            {
                return *(int*)(control + at + sizeof(CMsgHdr));
            }
            at += ControlAlign((int)header->Length);
        }
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int fd, MsgHdr* message, int flags);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    /// <summary>errno's name for a log line.</summary>
    public static string ErrnoName(int errno) => errno switch
    {
        EIntr => "EINTR",
        EIo => "EIO",
        EAgain => "EAGAIN",
        EInval => "EINVAL",
        ENoSys => "ENOSYS",
        EMsgSize => "EMSGSIZE",
        ENoProtoOpt => "ENOPROTOOPT",
        EOpNotSupp => "EOPNOTSUPP",
        EConnRefused => "ECONNREFUSED",
        _ => "errno " + errno,
    };
}
