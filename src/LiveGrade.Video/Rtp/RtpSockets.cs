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
