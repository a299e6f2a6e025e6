using System.Net;
using System.Net.Sockets;

namespace LiveGrade.Video.Rtp;

/// <summary>Socket set-up shared by the RTP sender and receiver (IPv4 UDP).</summary>
internal static class RtpSockets
{
    // Linux: SOL_SOCKET = 1, SO_RCVBUFFORCE = 33, SO_SNDBUFFORCE = 32 (asm-generic/socket.h). They exceed
    // net.core.rmem_max/wmem_max, and need CAP_NET_ADMIN; without it the plain option is used, capped by the sysctl.
    private const int SolSocket = 1;
    private const int SoSndBufForce = 32;
    private const int SoRcvBufForce = 33;

    /// <summary>Asks for a kernel receive buffer of <paramref name="bytes"/>; returns what the kernel granted (Linux reports twice the request).</summary>
    public static int SetReceiveBuffer(Socket socket, int bytes)
    {
        if (!TryForce(socket, SoRcvBufForce, bytes))
        {
            TrySet(() => socket.ReceiveBufferSize = bytes);
        }
        return socket.ReceiveBufferSize;
    }

    public static int SetSendBuffer(Socket socket, int bytes)
    {
        if (!TryForce(socket, SoSndBufForce, bytes))
        {
            TrySet(() => socket.SendBufferSize = bytes);
        }
        return socket.SendBufferSize;
    }

    /// <summary>
    /// Datagrams the kernel dropped for this socket because its receive buffer was full (Linux: the "drops" column
    /// of /proc/net/udp, found by the socket's inode); null where that cannot be read. Sequence numbers cannot
    /// show a loss at the end of a stream (no later packet reveals the gap); this counter can.
    /// </summary>
    public static long? KernelDrops(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            // /proc/self/fd/N -> "socket:[INODE]"
            var link = new FileInfo($"/proc/self/fd/{socket.Handle}").LinkTarget;
            if (link is null || !link.StartsWith("socket:[", StringComparison.Ordinal))
            {
                return null;
            }
            var inode = link.AsSpan(8, link.Length - 9);
            foreach (var table in (ReadOnlySpan<string>)["/proc/net/udp", "/proc/net/udp6"])
            {
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length >= 13 && inode.SequenceEqual(fields[9]) && long.TryParse(fields[12], out var drops))
                    {
                        return drops;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
        }
        return null;
    }

    public static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private static bool TryForce(Socket socket, int option, int bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            socket.SetRawSocketOption(SolSocket, option, BitConverter.GetBytes(bytes));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void TrySet(Action set)
    {
        try
        {
            set();
        }
        catch (SocketException)
        {
            // The kernel keeps its default; the granted size is read back and reported.
        }
    }
}
