namespace LiveGrade.Video.Rtp;

/// <summary>
/// How <see cref="RtpSender"/> hands packets to the kernel, best first. The option names the best path the
/// sender may use; where the kernel refuses it (too old, or a route whose device cannot segment), the sender
/// falls back to the next one by itself, once, and says so in one log line. Every path puts exactly the same
/// datagrams on the wire.
/// </summary>
public enum RtpSendBatching
{
    /// <summary>
    /// UDP generic segmentation offload (Linux 4.18+): each run of equal-sized packets of a burst (the last may be
    /// shorter), written back to back, goes out in one <c>sendmsg</c> with a <c>UDP_SEGMENT</c> control message; the
    /// kernel (or the NIC) cuts it into datagrams. Up to 64 packets and 64 KiB a call.
    /// </summary>
    Gso,

    /// <summary>One <c>sendmmsg</c> (Linux) per burst: one system call, one datagram per message.</summary>
    Mmsg,

    /// <summary>One <c>send</c> per packet (any OS): the reference path.</summary>
    None,
}

/// <summary>How <see cref="RtpReceiver"/> reads datagrams, best first; it falls back by itself like <see cref="RtpSendBatching"/>.</summary>
public enum RtpReceiveBatching
{
    /// <summary>
    /// <c>recvmmsg</c> with UDP generic receive offload on the socket (<c>UDP_GRO</c>, Linux 5.0+): datagrams of
    /// the stream that the kernel coalesced (a GSO sender on this host, or a NIC's GRO) arrive as one read with
    /// their segment size in a control message, and are split back into datagrams before the frame assembler.
    /// The kernel's drop counter then counts a dropped coalesced read once (see <see cref="RtpReceiver.KernelDrops"/>).
    /// </summary>
    Gro,

    /// <summary><c>recvmmsg</c> (Linux): up to 32 datagrams a system call.</summary>
    Mmsg,

    /// <summary>One <c>recv</c> per datagram (any OS): the reference path.</summary>
    None,
}
