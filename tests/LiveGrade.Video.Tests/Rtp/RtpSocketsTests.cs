using System.Net;
using System.Net.Sockets;
using LiveGrade.Video.Rtp;

namespace LiveGrade.Video.Tests.Rtp;

public class RtpSocketsTests
{
    [Fact]
    public void KernelDrops_counts_the_datagrams_a_full_receive_buffer_refused()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.ReceiveBufferSize = 4096; // the kernel doubles it and keeps a floor: a few datagrams at most
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.Equal(0, RtpSockets.KernelDrops(receiver));

        const int Sent = 200;
        var payload = new byte[1200];
        for (int i = 0; i < Sent; i++) sender.SendTo(payload, receiver.LocalEndPoint!); // nobody reads yet

        int read = 0;
        var buffer = new byte[2048];
        receiver.Blocking = false;
        while (receiver.Available > 0 && receiver.Receive(buffer) > 0) read++;
        long? drops = RtpSockets.KernelDrops(receiver);
        Assert.NotNull(drops);
        Assert.True(read < Sent, $"all {Sent} datagrams fitted a 4 KiB buffer");
        // Loopback loses nothing elsewhere: what was not read is exactly what the kernel counted as dropped.
        Assert.Equal(Sent, read + drops!.Value);
    }
}
