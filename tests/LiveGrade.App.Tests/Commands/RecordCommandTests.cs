using LiveGrade.Interop.Oiio;

namespace LiveGrade.App.Tests.Commands;

public class RecordCommandTests
{
    [Fact]
    public void Record_writes_bars_as_a_dpx_sequence()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run("record", "bars", "-o", dir, "--frames", "3", "--format", "dpx", "--size", "320x180");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(3, Directory.GetFiles(dir, "frame.*.dpx").Length);
        var img = ImageFile.Read(Path.Combine(dir, "frame.000002.dpx"));
        // The first 75% bar (white) sits right of the 40 px side panel: code 0.75 * 1023 = 767 in a full-range DPX.
        int i = (50 * 320 + 60) * 4;
        Assert.Equal(767.0 / 1023, img.Pixels[i], 1e-6);
        Assert.Equal(0.4 * 1023, Math.Round(img.Pixels[(50 * 320 + 10) * 4] * 1023), 0);
    }

    [Fact]
    public void Record_decodes_a_packed_ST_2110_stream()
    {
        // The stream is sent in-process (v210 bars over loopback); record reads it through its SDP.
        string dir = CliRunner.TempDir(), sdp = Path.Combine(dir, "bars.sdp");
        var mode = new LiveGrade.Core.Video.VideoMode(192, 108, LiveGrade.Core.Video.FrameRate.Fps25, LiveGrade.Core.Video.PixelFormat.V210);
        int port;
        using (var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp))
        {
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            port = ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var stream = LiveGrade.Video.Rtp.RtpStreamDescription.ForSending(mode, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        using var sender = new LiveGrade.Video.Rtp.RtpSender(stream, "bars", new LiveGrade.Video.Rtp.RtpSenderOptions { SdpPath = sdp });
        sender.Start();
        var bars = new float[192 * 108 * 4];
        LiveGrade.Video.Sources.TestPatterns.Bars(bars, 192, 108);
        var pool = new LiveGrade.Core.Video.FramePool(mode, 4);
        using var stop = new CancellationTokenSource();
        var feeder = new Thread(() =>
        {
            var encoder = new LiveGrade.Core.Video.Packing.FrameEncoder();
            while (!stop.IsCancellationRequested)
            {
                if (pool.TryRent() is { } f)
                {
                    encoder.Encode(bars, f);
                    sender.Send(f);
                    f.Release();
                }
                Thread.Sleep(40);
            }
        }) { IsBackground = true };
        feeder.Start();
        try
        {
            var r = CliRunner.Run("record", $"sdp:{sdp}", "-o", Path.Combine(dir, "rec"), "--frames", "2", "--format", "exr");
            Assert.True(r.ExitCode == 0, r.Stderr);
            var img = ImageFile.Read(Path.Combine(dir, "rec", "frame.000001.exr"));
            Assert.Equal((192, 108), (img.Width, img.Height));
            // The 75% white bar after 10-bit 4:2:2: luma code 721 of the narrow range, (721 - 64) / 876 = 0.75.
            int i = (27 * 192 + 40) * 4;
            for (int c = 0; c < 3; c++) Assert.Equal(0.75, img.Pixels[i + c], 2.5e-3);
        }
        finally
        {
            stop.Cancel();
            feeder.Join();
        }
    }

    [Fact]
    public void Record_refuses_an_unknown_source_in_one_line()
    {
        var r = CliRunner.Run("record", "nonsense", "-o", CliRunner.TempDir(), "--frames", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: source 'nonsense'", r.Stderr.Trim());
    }
}
